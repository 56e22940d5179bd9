from datetime import UTC, date, datetime

import pytest
from django.db.models import Q

from organizations.factories import MembershipFactory
from progress.fiscal import (
    FISCAL_TZ,
    fiscal_year_dates,
    fiscal_year_label,
    fiscal_year_of,
    fiscal_year_range,
)


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
    start, end = fiscal_year_range(2026)
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
