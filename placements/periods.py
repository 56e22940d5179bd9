"""The programme's period rule: at least PLACEMENT_MIN_MONTHS within the June–March window of one fiscal year.

Fiscal years run April to March; the window months come from settings so the ministry can change them.
"""

import calendar
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.errors import ServiceError
from lms.fiscal import FISCAL_YEAR_START_MONTH, fiscal_year_of


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_for(year: int) -> tuple[date, date]:
    """First and last day a placement may run in fiscal year ``year``."""
    start_month, end_month = settings.PLACEMENT_WINDOW_START_MONTH, settings.PLACEMENT_WINDOW_END_MONTH
    start_year = year if start_month >= FISCAL_YEAR_START_MONTH else year + 1
    end_year = year if end_month >= FISCAL_YEAR_START_MONTH else year + 1
    return date(start_year, start_month, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def minimum_end(start: date) -> date:
    """The earliest end date that makes a placement long enough (1 June → 31 October for five months)."""
    return date.fromordinal(add_months(start, settings.PLACEMENT_MIN_MONTHS).toordinal() - 1)


def validate_period(start: date, end: date) -> None:
    """Raise ServiceError with a message the requester can act on."""
    if end <= start:
        raise ServiceError(_("The end date must be after the start date."))
    window_start, window_end = window_for(fiscal_year_of(start))
    if not (window_start <= start and end <= window_end):
        raise ServiceError(
            _("A placement must run within one fiscal year's window, from %(start)s to %(end)s.")
            % {"start": window_start.strftime("%Y-%m-%d"), "end": window_end.strftime("%Y-%m-%d")}
        )
    months = settings.PLACEMENT_MIN_MONTHS
    if end < minimum_end(start):
        raise ServiceError(
            ngettext(
                "A placement must last at least %(months)d month: "
                "with this start date it can end on %(end)s at the earliest.",
                "A placement must last at least %(months)d months: "
                "with this start date it can end on %(end)s at the earliest.",
                months,
            )
            % {"months": months, "end": minimum_end(start).strftime("%Y-%m-%d")}
        )
