"""The personal home (``/dashboard/``) and the header's tools, gathered from the schemes.

Like :mod:`lms.calendar`, this is a registry: each scheme registers providers when its app
loads, and the home view and the header ask the registry, so neither imports a scheme's models.

- a *needs* provider answers what is waiting on the person now (a consultation to confirm, a report
  to review, a course to resume); programme queues carry a count;
- a *progress* provider answers a few figures about the person's own progress;
- a *tools* provider answers the links the person's roles give them (My learning, Programme...).

Every provider runs a fixed number of queries whatever the number of items, so the home's query
count stays constant. The next 14 days come from the calendar feed's own providers.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lms import request_scope
from lms.cache_versions import bump, current_many
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


def programme_queue(*, title: str, url: str, count: int, order: int = 10) -> list[Need]:
    """A queue programme staff work through, on their home only while it holds something."""
    return [Need(group=_("Waiting on the programme"), title=title, url=url, count=count, order=order)] if count else []


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


def once(user, name: str, build: Callable[[], list]) -> list:
    """``build()``, worked out once per request: the person's home asks several providers (needs, the
    calendar, progress) about the same rows. Kept on the user object for the current request only (Django's
    request signals mark it); outside a request it is built every time, so a long-lived object never goes
    stale."""
    current = request_scope.current()
    if current is None:
        return build()
    attribute = f"_lms_once_{name}"
    held = getattr(user, attribute, None)
    if held is not None and held[0] is current:
        return held[1]
    value = build()
    setattr(user, attribute, (current, value))
    return value


def needs_for(user) -> list[Need]:
    items = [item for provider in _needs for item in provider(user)]
    far = timezone.now() + timedelta(days=3650)
    return sorted(items, key=lambda n: (n.order, n.when or far, str(n.title)))


def progress_for(user) -> list[Figure]:
    return sorted((item for provider in _figures for item in provider(user)), key=lambda f: f.order)


TOOLS_VERSION = "lms-tools-version"
TOOLS_TIMEOUT = 60 * 60


def _user_version(user_id) -> str:
    return f"{TOOLS_VERSION}:{user_id}"


def tools_changed(sender=None, instance=None, **kwargs) -> None:
    """Retire cached tool lists when what they are made of changes: one person's (their groups,
    memberships, superuser flag) or everyone's (an organization's name, a group)."""
    from django.contrib.auth import get_user_model

    from organizations.models import Membership

    if kwargs.get("action", "post_add") not in ("post_add", "post_remove", "post_clear"):
        return  # m2m_changed's pre_ actions
    if isinstance(instance, get_user_model()):
        if set(kwargs.get("update_fields") or ()) <= {"last_login"} and kwargs.get("update_fields"):
            return  # signing in changes no role
        bump(_user_version(instance.pk))
    elif isinstance(instance, Membership):
        bump(_user_version(instance.user_id))
    else:
        bump(TOOLS_VERSION)


def _tools_key(user) -> str:
    everyone, person = current_many([TOOLS_VERSION, _user_version(user.pk)])
    return f"lms-tools:{everyone}:{person}:{user.pk}:{get_language() or settings.LANGUAGE_CODE}"


def _compute_tools(user) -> list[Tool]:
    seen: dict[str, Tool] = {}
    for provider in _tools:
        for tool in provider(user):
            seen.setdefault(tool.key, tool)
    tools = sorted(seen.values(), key=lambda t: (t.order, str(t.label)))
    # labels in the current language (the key carries it), so the list can be cached as plain text
    return [replace(t, label=str(t.label), description=str(t.description)) for t in tools]


def tools_for(user) -> list[Tool]:
    """The person's tools: the header shows them on every page, so they are worked out once per
    request and cached per person and language (until a role changes, see :func:`tools_changed`)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_lms_tools", None)
    if cached is None:
        key = _tools_key(user)
        cached = cache.get(key)
        if cached is None:
            cached = _compute_tools(user)
            cache.set(key, cached, TOOLS_TIMEOUT)
        user._lms_tools = cached
    return cached


def upcoming_for(user, *, days: int = UPCOMING_DAYS) -> list[CalendarEvent]:
    """The person's events from now to ``days`` ahead, from the calendar feed's providers."""
    now = timezone.now()
    until = now + timedelta(days=days)
    return [e for e in feed_events(user) if e.end >= now and e.start < until and e.status != "CANCELLED"]
