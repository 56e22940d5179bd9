"""Fiscal years, once for every scheme: April to March, FY2026 is 1 April 2026 to 31 March 2027.

The year a moment belongs to is decided in Tokyo, where the ministry keeps its books, never in the
viewer's time zone: 31 March 23:30 in Tokyo is still the old year even for a reader in London.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

FISCAL_YEAR_START_MONTH = 4
FISCAL_TZ = ZoneInfo("Asia/Tokyo")


def fiscal_year_of(value: date | datetime) -> int:
    """The calendar year the fiscal year of ``value`` starts in; an aware moment is first taken to Tokyo."""
    if isinstance(value, datetime):
        value = timezone.localtime(value, FISCAL_TZ).date() if timezone.is_aware(value) else value.date()
    return value.year if value.month >= FISCAL_YEAR_START_MONTH else value.year - 1


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.now())


def fiscal_year_bounds(year: int) -> tuple[datetime, datetime]:
    """[start, end) as aware datetimes in Tokyo, for filtering timestamps."""
    start = datetime.combine(date(year, FISCAL_YEAR_START_MONTH, 1), time.min, tzinfo=FISCAL_TZ)
    end = datetime.combine(date(year + 1, FISCAL_YEAR_START_MONTH, 1), time.min, tzinfo=FISCAL_TZ)
    return start, end


def fiscal_year_dates(year: int) -> tuple[date, date]:
    """First and last day of fiscal year ``year``, for filtering date fields."""
    return date(year, FISCAL_YEAR_START_MONTH, 1), date(year + 1, FISCAL_YEAR_START_MONTH - 1, 31)


def recent_fiscal_years(count: int = 3, *, until: int | None = None) -> list[int]:
    """The last ``count`` fiscal years, oldest first, ending with ``until`` (default: the current one)."""
    last = until if until is not None else current_fiscal_year()
    return list(range(last - count + 1, last + 1))


def fiscal_year_label(year: int) -> str:
    """FY2026 in English, 2026年度 in Japanese."""
    return _("FY%(year)s") % {"year": year}


def fiscal_year_long_label(year: int | None) -> str:
    """FY2026 (April 2026 to March 2027), where the months help a reader who does not know the convention."""
    if not year:
        return ""
    return _("FY%(start)s (April %(start)s to March %(end)s)") % {"start": year, "end": year + 1}
