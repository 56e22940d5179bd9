"""Open slots computed from wall-clock rules, in pure Python over pre-fetched rows.

The advisor's rules are local wall-clock times; each candidate slot is turned into
an instant in the advisor's zone on its own date, so 09:00 stays 09:00 across
daylight-saving changes. A local time that does not exist (the spring-forward gap)
gives no slot; a repeated local time (the autumn fall-back) gives one slot, the
first occurrence. National holidays of the advisor's country give no slots unless the
advisor opened that holiday or set hours for that date. Everything the rules need is
loaded by :func:`load_context` in a fixed number of queries, whatever the number of
rules and consultations.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from .closures import closed_holidays
from .models import AdvisorProfile, BlockedPeriod, Consultation, DateOverride, WeeklyRule


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, UTC
    end: datetime

    @property
    def key(self) -> str:
        return self.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


@dataclass
class AvailabilityContext:
    advisor: AdvisorProfile
    now: datetime
    rules: dict[int, list[tuple[time, time]]] = field(default_factory=dict)
    overrides: dict[date, list[DateOverride]] = field(default_factory=dict)
    blocked: list[tuple[datetime, datetime]] = field(default_factory=list)
    consultations: list[tuple[datetime, datetime]] = field(default_factory=list)
    per_day: dict[date, int] = field(default_factory=dict)
    holidays: dict[date, str] = field(default_factory=dict)  # closed holidays and their names

    @property
    def earliest(self) -> datetime:
        return self.now + timedelta(hours=self.advisor.min_notice_hours)

    @property
    def latest(self) -> datetime:
        return self.now + timedelta(days=self.advisor.consultation_window_days)


def parse_slot_key(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def load_context(
    advisor: AdvisorProfile,
    *,
    now: datetime | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    exclude_consultation: Consultation | None = None,
) -> AvailabilityContext:
    """Five queries: rules, overrides, blocked periods, active consultations and opened holidays in the range."""
    now = now or timezone.now()
    ctx = AvailabilityContext(advisor=advisor, now=now)
    start = start or now
    end = end or ctx.latest
    zone = advisor.zone
    # Widen by a day each side so whole local days (for the daily maximum) are covered.
    range_start, range_end = start - timedelta(days=1), end + timedelta(days=1)
    rules: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for rule in WeeklyRule.objects.filter(advisor=advisor).order_by("start_time"):
        rules[rule.weekday].append((rule.start_time, rule.end_time))
    ctx.rules = rules
    overrides: dict[date, list[DateOverride]] = defaultdict(list)
    for item in DateOverride.objects.filter(
        advisor=advisor, date__gte=range_start.astimezone(zone).date(), date__lte=range_end.astimezone(zone).date()
    ):
        overrides[item.date].append(item)
    ctx.overrides = overrides
    ctx.blocked = list(
        BlockedPeriod.objects.filter(advisor=advisor, start__lt=range_end, end__gt=range_start).values_list(
            "start", "end"
        )
    )
    consultations = Consultation.objects.filter(advisor=advisor, start__lt=range_end, end__gt=range_start).exclude(
        status__in=Consultation.INACTIVE
    )
    if exclude_consultation is not None:
        consultations = consultations.exclude(pk=exclude_consultation.pk)
    per_day: dict[date, int] = defaultdict(int)
    for b_start, b_end in consultations.values_list("start", "end"):
        ctx.consultations.append((b_start, b_end))
        per_day[b_start.astimezone(zone).date()] += 1
    ctx.per_day = per_day
    ctx.holidays = closed_holidays(advisor, range_start.astimezone(zone).date(), range_end.astimezone(zone).date())
    return ctx


def _localize(day: date, wall: time, zone) -> datetime | None:
    """The instant of a local wall-clock time, or None if that time does not exist that day."""
    naive = datetime.combine(day, wall)
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None  # in the spring-forward gap
    return aware.astimezone(UTC)


def _windows(ctx: AvailabilityContext, day: date) -> list[tuple[time, time]]:
    if day in ctx.overrides:
        return [(o.start_time, o.end_time) for o in ctx.overrides[day] if not o.is_closed]
    if day in ctx.holidays:
        return []
    return ctx.rules.get(day.weekday(), [])


def rule_slots(ctx: AvailabilityContext, day: date) -> list[Slot]:
    """Every slot the rules give on one local date, before consultations and limits."""
    advisor = ctx.advisor
    zone = advisor.zone
    length = timedelta(minutes=advisor.slot_minutes)
    step = timedelta(minutes=advisor.slot_minutes + advisor.buffer_minutes)
    slots = []
    for window_start, window_end in _windows(ctx, day):
        cursor = datetime.combine(day, window_start)
        limit = datetime.combine(day, window_end)
        while cursor + length <= limit:
            start = _localize(day, cursor.time(), zone)
            if start is not None:
                slots.append(Slot(start=start, end=start + length))
            cursor += step
    return slots


def _overlaps(start, end, periods, pad=timedelta(0)) -> bool:
    return any(start < p_end + pad and end + pad > p_start for p_start, p_end in periods)


def slot_problem(ctx: AvailabilityContext, start: datetime) -> str | None:
    """Why a consultation at ``start`` is refused, in words for the user; None if it is open.

    The same rules the advisor page uses, so a direct POST gets no more than the form showed.
    """
    advisor = ctx.advisor
    if not advisor.accepting_consultations or not advisor.is_active:
        return _("This advisor is not accepting consultations at the moment.")
    if start <= ctx.now:
        return _("That time is in the past.")
    if start < ctx.earliest:
        return _("This advisor needs at least %(hours)s hours' notice.") % {"hours": advisor.min_notice_hours}
    if start > ctx.latest:
        return _("Consultations open only %(days)s days ahead.") % {"days": advisor.consultation_window_days}
    day = start.astimezone(advisor.zone).date()
    if day in ctx.holidays and day not in ctx.overrides:
        return _("The advisor's office is closed that day (%(holiday)s).") % {"holiday": ctx.holidays[day]}
    slot = next((s for s in rule_slots(ctx, day) if s.start == start), None)
    if slot is None:
        return _("The advisor is not available at that time.")
    if _overlaps(slot.start, slot.end, ctx.blocked):
        return _("The advisor is away at that time.")
    if ctx.per_day.get(day, 0) >= advisor.max_per_day:
        return _("The advisor is fully booked that day.")
    if _overlaps(slot.start, slot.end, ctx.consultations, pad=timedelta(minutes=advisor.buffer_minutes)):
        return _("This time was just taken. Please choose another slot.")
    return None


def open_slots(ctx: AvailabilityContext) -> list[Slot]:
    """All bookable slots from the minimum notice to the end of the consultation window."""
    advisor = ctx.advisor
    if not advisor.accepting_consultations or not advisor.is_active:
        return []
    zone = advisor.zone
    buffer = timedelta(minutes=advisor.buffer_minutes)
    day = ctx.earliest.astimezone(zone).date()
    last_day = ctx.latest.astimezone(zone).date()
    result = []
    while day <= last_day:
        if ctx.per_day.get(day, 0) < advisor.max_per_day:
            for slot in rule_slots(ctx, day):
                if not (ctx.earliest <= slot.start <= ctx.latest):
                    continue
                if _overlaps(slot.start, slot.end, ctx.blocked):
                    continue
                if _overlaps(slot.start, slot.end, ctx.consultations, pad=buffer):
                    continue
                result.append(slot)
        day += timedelta(days=1)
    return result
