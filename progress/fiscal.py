"""Fiscal years run April to March in Japan's time zone; FY2026 is April 2026 to March 2027."""

import zoneinfo
from datetime import date, datetime

from django.db.models import Case, IntegerField, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext as _

FISCAL_TZ = zoneinfo.ZoneInfo("Asia/Tokyo")
START_MONTH = 4


def fiscal_year_of(value: date | datetime) -> int:
    """The calendar year in which the fiscal year containing ``value`` begins (an aware datetime is read in Tokyo)."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = value.astimezone(FISCAL_TZ)
        value = value.date()
    return value.year if value.month >= START_MONTH else value.year - 1


def fiscal_year_range(fy: int) -> tuple[datetime, datetime]:
    """[start, end) of fiscal year ``fy`` as aware datetimes in Asia/Tokyo, for filtering timestamps."""
    return (
        datetime(fy, START_MONTH, 1, tzinfo=FISCAL_TZ),
        datetime(fy + 1, START_MONTH, 1, tzinfo=FISCAL_TZ),
    )


def fiscal_year_dates(fy: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fy``, for filtering date fields."""
    return date(fy, START_MONTH, 1), date(fy + 1, START_MONTH - 1, 31)


def fiscal_year_label(fy: int) -> str:
    return _("FY%(year)s") % {"year": fy}


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.now())


def recent_fiscal_years(count: int = 3, *, until: int | None = None) -> list[int]:
    """The last ``count`` fiscal years, oldest first, ending with ``until`` (default: the current one)."""
    last = until if until is not None else current_fiscal_year()
    return list(range(last - count + 1, last + 1))


def fiscal_year_expression(field: str, *, is_datetime: bool = True):
    """A database expression giving the fiscal year of ``field``, so grouping by year happens in SQL."""
    kwargs = {"tzinfo": FISCAL_TZ} if is_datetime else {}
    year = ExtractYear(field, **kwargs)
    return Case(
        When(LessThan(ExtractMonth(field, **kwargs), START_MONTH), then=year - 1),
        default=year,
        output_field=IntegerField(),
    )
