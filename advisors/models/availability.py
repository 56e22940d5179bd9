"""An advisor's availability: weekly rules and date overrides are wall-clock times in the advisor's
own zone, so a 09:00 rule stays 09:00 local across daylight-saving changes; blocked periods are
instants, stored in UTC.
"""

from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .profiles import AdvisorProfile


class WeeklyRule(models.Model):
    """A recurring window of availability, wall-clock time in the advisor's zone."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    advisor = models.ForeignKey(AdvisorProfile, on_delete=models.CASCADE, related_name="weekly_rules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "start_time"]
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availability")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_time__gt=models.F("start_time")), name="weekly_rule_order")
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M}"


class DateOverride(models.Model):
    """Replaces the weekly rules on one local date: other hours, or none (closed)."""

    advisor = models.ForeignKey(AdvisorProfile, on_delete=models.CASCADE, related_name="date_overrides")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("date override")
        verbose_name_plural = _("date overrides")

    def __str__(self):
        if self.is_closed:
            return f"{self.date} closed"
        return f"{self.date} {self.start_time:%H:%M}-{self.end_time:%H:%M}"

    @property
    def is_closed(self) -> bool:
        return self.start_time is None or self.end_time is None


class HolidayOpening(models.Model):
    """A national holiday the advisor works on after all: their weekly hours apply that day."""

    advisor = models.ForeignKey(AdvisorProfile, on_delete=models.CASCADE, related_name="holiday_openings")
    date = models.DateField(_("date"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        verbose_name = _("opened holiday")
        verbose_name_plural = _("opened holidays")
        constraints = [models.UniqueConstraint(fields=["advisor", "date"], name="holiday_opening_once")]

    def __str__(self):
        return f"{self.advisor} {self.date}"


class BlockedPeriod(models.Model):
    """Holidays, travel: no consultations between these instants."""

    advisor = models.ForeignKey(AdvisorProfile, on_delete=models.CASCADE, related_name="blocked_periods")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("blocked period")
        verbose_name_plural = _("blocked periods")
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="blocked_order")]

    def __str__(self):
        return f"{self.start:%Y-%m-%d} – {self.end:%Y-%m-%d} {self.reason}"

    @property
    def local_span(self) -> tuple[datetime, datetime, bool]:
        """(first, last, whole_days) in the advisor's zone: a period entered as whole days (28 Dec to
        4 Jan) is stored up to the midnight after its last day, and shown as ending on that last day."""
        zone = self.advisor.zone
        start, end = self.start.astimezone(zone), self.end.astimezone(zone)
        whole_days = start.time() == time.min and end.time() == time.min
        return start, (end - timedelta(days=1)) if whole_days else end, whole_days
