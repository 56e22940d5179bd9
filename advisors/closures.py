"""National holidays: closed for consultations by default, unless the advisor opens one.

The dates come from the maintained ``holidays`` package for the advisor's country
(Japan for the programme's regional advisors); an advisor opens a holiday with a
:class:`~advisors.models.HolidayOpening`. Names are given in the reader's language
where the package has it.
"""

from datetime import date
from functools import lru_cache

import holidays
from django.utils.translation import get_language

from .models import AdvisorProfile, HolidayOpening


def _language(country: str) -> str | None:
    supported = holidays.country_holidays(country).supported_languages
    wanted = (get_language() or "en").split("-")[0]
    for candidate in (wanted, "en_US", "en"):
        if candidate in supported:
            return candidate
    return None


@lru_cache(maxsize=256)
def _national(country: str, year: int, language: str | None) -> tuple[tuple[date, str], ...]:
    return tuple(sorted(holidays.country_holidays(country, years=year, language=language).items()))


def national_holidays(country: str, start: date, end: date) -> dict[date, str]:
    """The country's public holidays from ``start`` to ``end`` inclusive, with their names."""
    if not country:
        return {}
    language = _language(country)
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        for day, name in _national(country, year, language):
            if start <= day <= end:
                found[day] = name
    return found


def closed_holidays(advisor: AdvisorProfile, start: date, end: date) -> dict[date, str]:
    """Holidays in the range the advisor has not opened (one query)."""
    found = national_holidays(advisor.holiday_country, start, end)
    if found:
        opened = set(
            HolidayOpening.objects.filter(advisor=advisor, date__gte=start, date__lte=end).values_list(
                "date", flat=True
            )
        )
        found = {day: name for day, name in found.items() if day not in opened}
    return found


def country_choices() -> list[tuple[str, str]]:
    """Every country the package knows, by its English name (the field stores the ISO code)."""
    from holidays.registry import COUNTRIES

    names = []
    for class_name, code, *_rest in COUNTRIES.values():
        label = "".join(f" {ch}" if ch.isupper() and i else ch for i, ch in enumerate(class_name))
        names.append((code, f"{label} ({code})"))
    return sorted(names, key=lambda item: item[1])
