"""An advisor's availability: weekly rules, date overrides, blocked periods and opened holidays.

Consultations already made are never touched here; open slots are recomputed from these rows.
"""

from datetime import date, datetime, time

from django.db import transaction
from django.utils.translation import gettext as _

from lms.errors import ServiceError

from ..models import AdvisorProfile, BlockedPeriod, DateOverride, HolidayOpening, WeeklyRule


@transaction.atomic
def weekly_rule_add(*, advisor: AdvisorProfile, weekday: int, start_time: time, end_time: time) -> WeeklyRule:
    if end_time <= start_time:
        raise ServiceError(_("The end must be after the start."))
    overlapping = WeeklyRule.objects.filter(
        advisor=advisor, weekday=weekday, start_time__lt=end_time, end_time__gt=start_time
    )
    if overlapping.exists():
        raise ServiceError(_("This overlaps another window on the same day."))
    return WeeklyRule.objects.create(advisor=advisor, weekday=weekday, start_time=start_time, end_time=end_time)


@transaction.atomic
def date_override_add(
    *, advisor: AdvisorProfile, day: date, start_time: time | None, end_time: time | None, note: str = ""
) -> DateOverride:
    if (start_time is None) != (end_time is None):
        raise ServiceError(_("Give both times, or neither to close the day."))
    if start_time is not None and end_time <= start_time:
        raise ServiceError(_("The end must be after the start."))
    return DateOverride.objects.create(advisor=advisor, date=day, start_time=start_time, end_time=end_time, note=note)


@transaction.atomic
def blocked_period_add(*, advisor: AdvisorProfile, start: datetime, end: datetime, reason: str = "") -> BlockedPeriod:
    if end <= start:
        raise ServiceError(_("The end must be after the start."))
    return BlockedPeriod.objects.create(advisor=advisor, start=start, end=end, reason=reason)


@transaction.atomic
def holiday_open(*, advisor: AdvisorProfile, day: date) -> HolidayOpening:
    """Work on a national holiday after all: the weekly hours apply that day."""
    from ..closures import national_holidays

    AdvisorProfile.objects.select_for_update().get(pk=advisor.pk)
    if day not in national_holidays(advisor.holiday_country, day, day):
        raise ServiceError(_("That date is not a national holiday in your calendar."))
    if HolidayOpening.objects.filter(advisor=advisor, date=day).exists():
        raise ServiceError(_("That holiday is already open for consultations."))
    return HolidayOpening.objects.create(advisor=advisor, date=day)


@transaction.atomic
def holiday_close(*, advisor: AdvisorProfile, day: date) -> None:
    """Close an opened holiday again; consultations already made that day stay."""
    AdvisorProfile.objects.select_for_update().get(pk=advisor.pk)
    deleted, _rows = HolidayOpening.objects.filter(advisor=advisor, date=day).delete()
    if not deleted:
        raise ServiceError(_("That holiday is already closed."))


@transaction.atomic
def availability_entry_delete(*, entry: WeeklyRule | DateOverride | BlockedPeriod) -> None:
    """Remove one of the advisor's rules, overrides or blocked periods (found by ``selectors.availability_entry``)."""
    entry.delete()
