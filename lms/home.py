"""The personal home (``/dashboard/``) and the header's tools, gathered from the schemes.

Like :mod:`lms.calendar`, this is a registry: each scheme registers providers when its app
loads, and the home view and the header ask the registry, so neither imports a scheme's models.

- a *needs* provider answers what is waiting on the person now (a booking to confirm, a report
  to review, a course to resume); programme queues carry a count;
- a *progress* provider answers a few figures about the person's own progress;
- a *tools* provider answers the links the person's roles give them (My learning, Programme...).

Every provider runs a fixed number of queries whatever the number of items, so the home's query
count stays constant. The next 14 days come from the calendar feed's own providers.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from lms.calendar import CalendarEvent, feed_events

UPCOMING_DAYS = 14


@dataclass(frozen=True)
class Need:
    """Something waiting on the person: one item, or (with ``count``) a queue of them."""

    group: str
    title: str
    url: str
    detail: str = ""
    when: datetime | None = None
    count: int | None = None
    order: int = 50


@dataclass(frozen=True)
class Figure:
    """One number about the person's progress, with where to see more."""

    label: str
    value: str
    url: str = ""
    detail: str = ""
    order: int = 50


@dataclass(frozen=True)
class Tool:
    """A link a role gives: ``header`` tools also sit in the site header."""

    key: str
    label: str
    url: str
    description: str = ""
    order: int = 50
    header: bool = True


NeedsProvider = Callable[[object], Iterable[Need]]
FigureProvider = Callable[[object], Iterable[Figure]]
ToolsProvider = Callable[[object], Iterable[Tool]]

_needs: list[NeedsProvider] = []
_figures: list[FigureProvider] = []
_tools: list[ToolsProvider] = []


def _register(registry: list, provider) -> None:
    if provider not in registry:
        registry.append(provider)


def register_needs_provider(provider: NeedsProvider) -> None:
    _register(_needs, provider)


def register_progress_provider(provider: FigureProvider) -> None:
    _register(_figures, provider)


def register_tools_provider(provider: ToolsProvider) -> None:
    _register(_tools, provider)


def needs_for(user) -> list[Need]:
    items = [item for provider in _needs for item in provider(user)]
    far = timezone.now() + timedelta(days=3650)
    return sorted(items, key=lambda n: (n.order, n.when or far, str(n.title)))


def progress_for(user) -> list[Figure]:
    return sorted((item for provider in _figures for item in provider(user)), key=lambda f: f.order)


def tools_for(user) -> list[Tool]:
    """The person's tools, worked out once per request (the header and the home share them)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_lms_tools", None)
    if cached is None:
        seen: dict[str, Tool] = {}
        for provider in _tools:
            for tool in provider(user):
                seen.setdefault(tool.key, tool)
        cached = sorted(seen.values(), key=lambda t: (t.order, str(t.label)))
        user._lms_tools = cached
    return cached


def upcoming_for(user, *, days: int = UPCOMING_DAYS) -> list[CalendarEvent]:
    """The person's events from now to ``days`` ahead, from the calendar feed's providers."""
    now = timezone.now()
    until = now + timedelta(days=days)
    return [e for e in feed_events(user) if e.end >= now and e.start < until and e.status != "CANCELLED"]
