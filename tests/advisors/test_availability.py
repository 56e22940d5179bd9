"""Slots from wall-clock rules: DST-safe, gaps and repeats handled, shown on the viewer's date."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest

from advisors import availability
from advisors.factories import (
    AdvisorProfileFactory,
    BlockedPeriodFactory,
    ConsultationFactory,
    DateOverrideFactory,
    WeeklyRuleFactory,
)
from advisors.selectors import group_slots_by_local_date

pytestmark = pytest.mark.django_db

LONDON = "Europe/London"


def slots_on(advisor, day: date, now: datetime):
    ctx = availability.load_context(advisor, now=now)
    zone = advisor.zone
    return [s for s in availability.open_slots(ctx) if s.start.astimezone(zone).date() == day]


def test_london_rule_stays_at_nine_local_across_spring_change():
    advisor = AdvisorProfileFactory(time_zone=LONDON)
    WeeklyRuleFactory(advisor=advisor, weekday=0, start_time=time(9), end_time=time(10))
    now = datetime(2027, 3, 20, 12, tzinfo=UTC)
    before = slots_on(advisor, date(2027, 3, 22), now)  # GMT
    after = slots_on(advisor, date(2027, 3, 29), now)  # BST since 28 March
    assert [s.start for s in before] == [datetime(2027, 3, 22, 9, tzinfo=UTC)]
    assert [s.start for s in after] == [datetime(2027, 3, 29, 8, tzinfo=UTC)]
    assert after[0].start.astimezone(advisor.zone).hour == 9


def test_new_york_rule_across_autumn_change():
    advisor = AdvisorProfileFactory(time_zone="America/New_York")
    WeeklyRuleFactory(advisor=advisor, weekday=0, start_time=time(9), end_time=time(10))
    now = datetime(2027, 10, 30, 12, tzinfo=UTC)
    # DST ends 7 November 2027 in New York.
    assert [s.start for s in slots_on(advisor, date(2027, 11, 1), now)] == [datetime(2027, 11, 1, 13, tzinfo=UTC)]
    assert [s.start for s in slots_on(advisor, date(2027, 11, 8), now)] == [datetime(2027, 11, 8, 14, tzinfo=UTC)]


def test_nonexistent_local_times_give_no_slot():
    advisor = AdvisorProfileFactory(time_zone=LONDON, slot_minutes=30, buffer_minutes=0)
    WeeklyRuleFactory(advisor=advisor, weekday=6, start_time=time(0, 30), end_time=time(3, 0))
    now = datetime(2027, 3, 20, 12, tzinfo=UTC)
    slots = slots_on(advisor, date(2027, 3, 28), now)
    local = [s.start.astimezone(advisor.zone).strftime("%H:%M") for s in slots]
    assert local == ["00:30", "02:00", "02:30"]  # 01:00 and 01:30 do not exist that night
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_repeated_local_times_give_one_slot_each():
    advisor = AdvisorProfileFactory(time_zone=LONDON, slot_minutes=30, buffer_minutes=0)
    WeeklyRuleFactory(advisor=advisor, weekday=6, start_time=time(0, 30), end_time=time(3, 0))
    now = datetime(2027, 10, 20, 12, tzinfo=UTC)
    slots = slots_on(advisor, date(2027, 10, 31), now)
    starts = [s.start for s in slots]
    assert len(starts) == len(set(starts)) == 5
    assert starts[1] == datetime(2027, 10, 31, 0, 0, tzinfo=UTC)  # 01:00 BST, the first occurrence


def test_slots_are_grouped_on_the_viewers_local_date():
    advisor = AdvisorProfileFactory(time_zone="America/New_York")
    WeeklyRuleFactory(advisor=advisor, weekday=0, start_time=time(20), end_time=time(21))
    now = datetime(2027, 6, 1, 0, tzinfo=UTC)
    ctx = availability.load_context(advisor, now=now)
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    days = group_slots_by_local_date(availability.open_slots(ctx), tokyo, advisor.zone)
    first = days[0]
    assert first["date"].weekday() == 1  # Monday 20:00 in New York is Tuesday 09:00 in Tokyo
    item = first["slots"][0]
    assert item["local"].hour == 9 and item["advisor_local"].hour == 20 and item["differs"]


def test_buffer_notice_window_blocked_override_and_daily_maximum():
    advisor = AdvisorProfileFactory(
        time_zone="Asia/Tokyo", slot_minutes=60, buffer_minutes=30, min_notice_hours=48, consultation_window_days=14,
        max_per_day=2,
    )  # fmt: skip
    for weekday in range(7):
        WeeklyRuleFactory(advisor=advisor, weekday=weekday, start_time=time(9), end_time=time(13))
    now = datetime(2027, 6, 1, 0, tzinfo=UTC)  # 09:00 Tokyo, Tuesday
    zone = advisor.zone
    ctx = availability.load_context(advisor, now=now)
    slots = availability.open_slots(ctx)
    assert min(s.start for s in slots) >= now + timedelta(hours=48)
    assert max(s.start for s in slots) <= now + timedelta(days=14)
    day = date(2027, 6, 5)
    local = [s.start.astimezone(zone).strftime("%H:%M") for s in slots if s.start.astimezone(zone).date() == day]
    assert local == ["09:00", "10:30", "12:00"]  # an hour each, 30 minutes apart
    DateOverrideFactory(advisor=advisor, date=date(2027, 6, 6))  # closed
    DateOverrideFactory(advisor=advisor, date=date(2027, 6, 7), start_time=time(15), end_time=time(16))
    BlockedPeriodFactory(
        advisor=advisor,
        start=datetime(2027, 6, 8, tzinfo=zone),
        end=datetime(2027, 6, 9, tzinfo=zone),
    )
    consultation = ConsultationFactory(advisor=advisor, start=datetime(2027, 6, 10, 9, tzinfo=zone))
    ConsultationFactory(advisor=advisor, start=datetime(2027, 6, 11, 9, tzinfo=zone))
    ConsultationFactory(advisor=advisor, start=datetime(2027, 6, 11, 12, tzinfo=zone))
    ctx = availability.load_context(advisor, now=now)
    by_day = {}
    for s in availability.open_slots(ctx):
        by_day.setdefault(s.start.astimezone(zone).date(), []).append(s.start.astimezone(zone).strftime("%H:%M"))
    assert date(2027, 6, 6) not in by_day
    assert by_day[date(2027, 6, 7)] == ["15:00"]
    assert date(2027, 6, 8) not in by_day
    assert by_day[date(2027, 6, 10)] == ["10:30", "12:00"]  # 09:00 taken
    assert date(2027, 6, 11) not in by_day  # daily maximum reached
    assert "taken" in availability.slot_problem(ctx, datetime(2027, 6, 10, 9, tzinfo=zone).astimezone(UTC))
    consultation.status = "cancelled"
    consultation.save()
    ctx = availability.load_context(advisor, now=now)
    assert availability.slot_problem(ctx, datetime(2027, 6, 10, 9, tzinfo=zone).astimezone(UTC)) is None
