"""Availability as the pages show it: a week of open slots in the viewer's zone, the times a consultation can
move to, and the advisor's own rules, overrides, blocked periods and holidays ahead.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ..availability import load_context, open_slots
from ..models import AdvisorProfile, BlockedPeriod, Consultation, DateOverride, WeeklyRule


def group_slots_by_local_date(slots, viewer_zone, advisor_zone) -> list[dict]:
    """Slots grouped by the viewer's local date, each with the advisor's local time beside it."""
    days: dict = defaultdict(list)
    for slot in slots:
        local = slot.start.astimezone(viewer_zone)
        days[local.date()].append(
            {
                "slot": slot,
                "local": local,
                "advisor_local": slot.start.astimezone(advisor_zone),
                "differs": local.utcoffset() != slot.start.astimezone(advisor_zone).utcoffset(),
            }
        )
    return [{"date": day, "slots": items} for day, items in sorted(days.items())]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _read_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def week_of_slots(
    slots, *, viewer_zone, advisor_zone, today: date, latest: date, week: str | None, day: str | None = None
) -> dict:
    """One week of open slots as a grid in the viewer's zone (days as columns, start times as rows),
    and one day of it for a phone, which has no room for seven columns.

    ``day`` (``YYYY-MM-DD``) picks the day and so its week; otherwise ``week`` (any date in it) picks
    the week and its first day with open times is the day. Unreadable or outside the consultation window
    either gives the nearest valid choice and a ``problem`` to tell the viewer. Without either, the
    first open slot decides. Both layouts come from one page, so either works without JavaScript.
    """
    items = group_slots_by_local_date(slots, viewer_zone, advisor_zone)
    first_day = items[0]["date"] if items else today
    last_day = max(latest, first_day)
    first_week = _monday(first_day)
    earliest, last = _monday(today), max(_monday(latest), first_week)
    chosen, picked, problem = first_week, None, ""
    if day:
        asked = _read_date(day)
        if asked is None:
            picked, problem = first_day, _("That date could not be read, so the first day with open times is shown.")
        elif asked < today:
            picked, problem = today, _("That day has passed, so today is shown.")
        elif asked > last_day:
            picked, problem = (
                last_day,
                _("Consultations do not open that far ahead, so the last bookable day is shown."),
            )
        else:
            picked = asked
        chosen = _monday(picked)
    elif week:
        asked = _read_date(week)
        if asked is None:
            problem = _("That date could not be read, so the first week with open times is shown.")
        elif _monday(asked) < earliest:
            chosen, problem = earliest, _("That week has passed, so this week is shown.")
        elif _monday(asked) > last:
            chosen, problem = last, _("Consultations do not open that far ahead, so the last bookable week is shown.")
        else:
            chosen = _monday(asked)
    days = [chosen + timedelta(days=n) for n in range(7)]
    by_day = {item["date"]: item["slots"] for item in items if chosen <= item["date"] <= days[-1]}
    if picked is None:
        picked = min(by_day, default=max(chosen, today))
    cells: dict[tuple[date, str], dict] = {}
    for on, day_slots in by_day.items():
        for entry in day_slots:
            cells[(on, entry["local"].strftime("%H:%M"))] = entry
    times = sorted({key[1] for key in cells})
    later_open = [item["date"] for item in items if item["date"] > picked]
    return {
        "week_start": chosen,
        "days": days,
        "rows": [{"time": t, "cells": [cells.get((on, t)) for on in days]} for t in times],
        "day": {"date": picked, "slots": by_day.get(picked, [])},
        "strip": [
            {"date": on, "bookable": today <= on <= last_day, "has_slots": on in by_day, "current": on == picked}
            for on in days
        ],
        "previous_day": (picked - timedelta(days=1)).isoformat() if picked > today else "",
        "next_day": (picked + timedelta(days=1)).isoformat() if picked < last_day else "",
        "next_open_day": later_open[0].isoformat() if later_open and picked not in by_day else "",
        "previous": (chosen - timedelta(days=7)).isoformat() if chosen > earliest else "",
        "next": (chosen + timedelta(days=7)).isoformat() if chosen < last else "",
        "first_available": first_week.isoformat() if items and first_week != chosen else "",
        "has_slots": bool(items),
        "problem": problem,
    }


def holidays_ahead(advisor: AdvisorProfile, today, *, days: int = 366) -> list[dict]:
    """The advisor's national holidays for the coming year, each with whether they opened it."""
    from ..closures import national_holidays
    from ..models import HolidayOpening

    end = today + timedelta(days=days)
    found = national_holidays(advisor.holiday_country, today, end)
    opened = set(
        HolidayOpening.objects.filter(advisor=advisor, date__gte=today, date__lte=end).values_list("date", flat=True)
    )
    return [{"date": day, "name": name, "is_open": day in opened} for day, name in sorted(found.items())]


def reschedule_choices(consultation: Consultation, *, zone) -> list[tuple[str, str]]:
    """The open slots a consultation can move to, labelled in ``zone``; its own time is left out."""
    ctx = load_context(consultation.advisor, exclude_consultation=consultation)
    return [
        (slot.key, timezone.localtime(slot.start, zone).strftime("%Y-%m-%d %H:%M"))
        for slot in open_slots(ctx)
        if slot.start != consultation.start
    ]


def availability_overview(advisor: AdvisorProfile) -> dict:
    """What the advisor's availability page lists: weekly rules by weekday, coming overrides and blocked
    periods, and the national holidays ahead, all from the advisor's own today."""
    today = timezone.now().astimezone(advisor.zone).date()
    rules = list(WeeklyRule.objects.filter(advisor=advisor))
    return {
        "rules": rules,
        "week": [
            (label, [rule for rule in rules if rule.weekday == value]) for value, label in WeeklyRule.Weekday.choices
        ],
        "overrides": DateOverride.objects.filter(advisor=advisor, date__gte=today),
        "blocked": BlockedPeriod.objects.filter(advisor=advisor, end__gte=timezone.now()).select_related("advisor"),
        "holidays": holidays_ahead(advisor, today),
    }


AVAILABILITY_KINDS = {"rule": WeeklyRule, "override": DateOverride, "blocked": BlockedPeriod}


def availability_entry(advisor: AdvisorProfile, kind: str, pk: int) -> WeeklyRule | DateOverride | BlockedPeriod:
    """One of the advisor's own rules, overrides or blocked periods; 404 for any other kind or person."""
    model = AVAILABILITY_KINDS.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=pk, advisor=advisor)
