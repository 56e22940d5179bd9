"""Fiscal years for the dashboards: lms.fiscal's rules (April to March, Asia/Tokyo, "FY2026"), plus what
dashboards need on top: date bounds and recent years."""

import zoneinfo
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from lms.fiscal import FISCAL_YEAR_START_MONTH, fiscal_year_bounds, fiscal_year_label, fiscal_year_of

FISCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
START_MONTH = FISCAL_YEAR_START_MONTH


def fiscal_year_range(fy: int) -> tuple[datetime, datetime]:
    """[start, end) of fiscal year ``fy`` as aware datetimes in Asia/Tokyo, for filtering timestamps."""
    return fiscal_year_bounds(fy)


def fiscal_year_dates(fy: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fy``, for filtering date fields."""
    return date(fy, START_MONTH, 1), date(fy + 1, START_MONTH - 1, 31)


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.now())


def recent_fiscal_years(count: int = 3, *, until: int | None = None) -> list[int]:
    """The last ``count`` fiscal years, oldest first, ending with ``until`` (default: the current one)."""
    last = until if until is not None else current_fiscal_year()
    return list(range(last - count + 1, last + 1))


__all__ = [
    "FISCAL_TZ",
    "current_fiscal_year",
    "fiscal_year_dates",
    "fiscal_year_label",
    "fiscal_year_of",
    "fiscal_year_range",
    "recent_fiscal_years",
]
