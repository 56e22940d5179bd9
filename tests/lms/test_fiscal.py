from datetime import UTC, date, datetime

import pytest
from django.db.models import Q

from lms.fiscal import (
    FISCAL_TZ,
    current_fiscal_year,
    fiscal_year_bounds,
    fiscal_year_dates,
    fiscal_year_label,
    fiscal_year_long_label,
    fiscal_year_of,
    recent_fiscal_years,
)
from organizations.factories import MembershipFactory


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 4, 1), 2026),
        (date(2027, 3, 31), 2026),
        (date(2026, 3, 31), 2025),
        (date(2026, 12, 31), 2026),
        # 31 March 16:00 UTC is already 1 April in Tokyo: the new fiscal year.
        (datetime(2026, 3, 31, 16, 0, tzinfo=UTC), 2026),
        (datetime(2026, 3, 31, 14, 59, tzinfo=UTC), 2025),
    ],
)
def test_fiscal_year_of(value, expected):
    assert fiscal_year_of(value) == expected


def test_range_and_label():
    start, end = fiscal_year_bounds(2026)
    assert start == datetime(2026, 4, 1, tzinfo=FISCAL_TZ)
    assert end == datetime(2027, 4, 1, tzinfo=FISCAL_TZ)
    assert fiscal_year_of(start) == 2026
    assert fiscal_year_dates(2026) == (date(2026, 4, 1), date(2027, 3, 31))
    assert fiscal_year_label(2026) == "FY2026"


@pytest.mark.django_db
def test_counts_per_fiscal_year_follow_tokyo_time(organization):
    from progress.selectors import new_members_by_year

    moments = [
        datetime(2026, 3, 31, 15, 30, tzinfo=UTC),  # 1 April 00:30 in Tokyo: FY2026
        datetime(2026, 3, 31, 14, 0, tzinfo=UTC),  # 31 March 23:00 in Tokyo: FY2025
        datetime(2025, 7, 1, 3, 0, tzinfo=UTC),
    ]
    for moment in moments:
        MembershipFactory(organization=organization, joined_at=moment)
    counts = new_members_by_year(Q(organization=organization), [2024, 2025, 2026])
    assert counts == {2024: 0, 2025: 2, 2026: 1}


def test_the_year_is_tokyos_whatever_the_viewers_zone():
    """31 March 23:30 in Tokyo is 14:30 UTC the same day and still FY2025; 1 April 00:30 is FY2026."""
    from django.utils import timezone

    late_march = datetime(2026, 3, 31, 23, 30, tzinfo=FISCAL_TZ)
    early_april = datetime(2026, 4, 1, 0, 30, tzinfo=FISCAL_TZ)
    for zone in ("UTC", "Europe/London", "America/Los_Angeles", "Asia/Tokyo"):
        with timezone.override(zone):
            assert fiscal_year_of(late_march) == 2025, zone
            assert fiscal_year_of(late_march.astimezone(UTC)) == 2025, zone
            assert fiscal_year_of(early_april.astimezone(UTC)) == 2026, zone


def test_current_fiscal_year_reads_tokyos_clock(monkeypatch):
    """At 16:00 UTC on 31 March a viewer in UTC still sees March, but Tokyo is in April: FY2026."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 31, 16, 0, tzinfo=UTC))
    with timezone.override("UTC"):
        assert current_fiscal_year() == 2026
        assert recent_fiscal_years(3) == [2024, 2025, 2026]


def test_long_label_names_the_months():
    assert fiscal_year_long_label(2026) == "FY2026 (April 2026 to March 2027)"
    assert fiscal_year_long_label(None) == ""


@pytest.mark.django_db
def test_study_group_defaults_to_tokyos_fiscal_year(monkeypatch):
    from django.utils import timezone

    from studygroups.models import StudyGroup

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 3, 31, 15, 30, tzinfo=UTC))
    with timezone.override("Europe/London"):
        assert StudyGroup._meta.get_field("fiscal_year").get_default() == 2026
