"""Fiscal years run April to March: FY2026 is 1 April 2026 to 31 March 2027."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

FISCAL_YEAR_START_MONTH = 4


def fiscal_year_of(value: date | datetime) -> int:
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    return value.year if value.month >= FISCAL_YEAR_START_MONTH else value.year - 1


def fiscal_year_bounds(year: int) -> tuple[datetime, datetime]:
    """[start, end) as aware datetimes in the programme's time zone."""
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(date(year, FISCAL_YEAR_START_MONTH, 1), time.min, tzinfo=tz)
    end = datetime.combine(date(year + 1, FISCAL_YEAR_START_MONTH, 1), time.min, tzinfo=tz)
    return start, end


def fiscal_year_label(year: int) -> str:
    """FY2026 in English, 2026年度 in Japanese."""
    return _("FY%(year)s") % {"year": year}
