from datetime import date

import pytest

from lms.errors import ServiceError
from lms.fiscal import fiscal_year_of as fiscal_year
from placements.periods import add_months, minimum_end, validate_period, window_for


def test_fiscal_year_and_window():
    assert fiscal_year(date(2026, 4, 1)) == 2026
    assert fiscal_year(date(2027, 3, 31)) == 2026
    assert window_for(2026) == (date(2026, 6, 1), date(2027, 3, 31))


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 10, 31), 4) == date(2027, 2, 28)
    assert minimum_end(date(2026, 6, 1)) == date(2026, 10, 31)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 6, 1), date(2026, 10, 31)),  # exactly five months
        (date(2026, 11, 1), date(2027, 3, 31)),  # the latest possible
        (date(2026, 6, 15), date(2027, 3, 31)),
    ],
)
def test_valid_periods(start, end):
    validate_period(start, end)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (date(2026, 6, 1), date(2026, 10, 30), "at least 5 months"),
        (date(2026, 5, 1), date(2026, 12, 31), "window"),  # starts before June
        (date(2026, 11, 2), date(2027, 4, 1), "window"),  # runs into the next fiscal year
        (date(2027, 1, 1), date(2027, 6, 30), "window"),
        (date(2026, 8, 1), date(2026, 7, 1), "after the start"),
    ],
)
def test_invalid_periods(start, end, words):
    with pytest.raises(ServiceError) as error:
        validate_period(start, end)
    assert words in error.value.message_text


def test_rule_comes_from_settings(settings):
    settings.PLACEMENT_MIN_MONTHS = 3
    validate_period(date(2026, 6, 1), date(2026, 8, 31))
    settings.PLACEMENT_WINDOW_END_MONTH = 12
    with pytest.raises(ServiceError):
        validate_period(date(2026, 10, 1), date(2027, 1, 31))
