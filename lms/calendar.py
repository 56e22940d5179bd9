"""RFC 5545 calendar building and the per-user private feed.

Apps that own events (seminar sessions, consultations, meetings) register a
provider with :func:`register_feed_provider` when they load; the feed view asks
every provider for the user's events, so this module imports from no app above it.
They also register an event source per kind (:func:`register_event_source`), which
finds one event for a viewer, so one view serves every ``.ics`` download and
:func:`calendar_links` is the one place the "Add to calendar" links are built.
"""

import calendar as calendar_module
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//NGO Capacity Building LMS//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED
    organizer_email: str = ""
    attendee_emails: tuple[str, ...] = field(default_factory=tuple)


FeedProvider = Callable[[object], Iterable[CalendarEvent]]
_providers: list[FeedProvider] = []


def register_feed_provider(provider: FeedProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def feed_events(user) -> list[CalendarEvent]:
    events: list[CalendarEvent] = []
    for provider in _providers:
        events.extend(provider(user))
    return sorted(events, key=lambda e: e.start)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _event(item: CalendarEvent, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _utc(item.start))
    event.add("dtend", _utc(item.end))
    event.add("summary", item.summary)
    event.add("sequence", item.sequence)
    event.add("status", item.status)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    organizer = item.organizer_email or settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">")
    org = vCalAddress(f"mailto:{organizer}")
    org.params["cn"] = vText(settings.WAGTAIL_SITE_NAME)
    event["organizer"] = org
    for email in item.attendee_emails:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=0)
    return event


def build_calendar(events: Iterable[CalendarEvent], *, method: str | None = None, name: str = "") -> bytes:
    """Serialize events; ``method`` is REQUEST or CANCEL for invitations."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    stamp = _utc(timezone.now())
    for item in events:
        cal.add_component(_event(item, stamp))
    return cal.to_ical()


def invitation_attachment(item: CalendarEvent, *, cancel: bool = False):
    """An email attachment whose MIME method matches the calendar's METHOD."""
    from lms.email import Attachment

    method = "CANCEL" if cancel else "REQUEST"
    if cancel:
        item = CalendarEvent(**{**item.__dict__, "status": "CANCELLED"})
    content = build_calendar([item], method=method).decode()
    return Attachment(filename="invite.ics", content=content, mimetype=f"text/calendar; method={method}; charset=UTF-8")


# Add to calendar ---------------------------------------------------------------------------------

EventSource = Callable[[object, int], CalendarEvent | None]
_sources: dict[str, EventSource] = {}


def register_event_source(kind: str, source: EventSource) -> None:
    """``source(user, pk)`` returns the event if ``user`` (possibly anonymous) may see it, else None."""
    _sources[kind] = source


def event_for(kind: str, user, pk: int) -> CalendarEvent | None:
    source = _sources.get(kind)
    return source(user, pk) if source is not None else None


@dataclass(frozen=True)
class CalendarLinks:
    ics: str
    google: str
    outlook: str


def _text_for_link(text: str, limit: int = 1500) -> str:
    # Calendar sites take the event through the URL; keep it well within URL length limits.
    return text if len(text) <= limit else text[: limit - 1] + "…"


def google_calendar_url(item: CalendarEvent) -> str:
    params = {
        "action": "TEMPLATE",
        "text": item.summary,
        "dates": f"{_utc(item.start):%Y%m%dT%H%M%SZ}/{_utc(item.end):%Y%m%dT%H%M%SZ}",
        "details": _text_for_link(item.description or item.url),
        "location": item.location,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode({k: v for k, v in params.items() if v})


def outlook_calendar_url(item: CalendarEvent) -> str:
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": item.summary,
        "startdt": f"{_utc(item.start):%Y-%m-%dT%H:%M:%SZ}",
        "enddt": f"{_utc(item.end):%Y-%m-%dT%H:%M:%SZ}",
        "body": _text_for_link(item.description or item.url),
        "location": item.location,
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode({k: v for k, v in params.items() if v})


def calendar_links(item: CalendarEvent, *, kind: str, pk: int, absolute: bool = False) -> CalendarLinks:
    """The .ics download (served by ``lms.views.event_ics``) and the Google and Outlook links for one event."""
    ics = reverse("calendar_event_ics", kwargs={"kind": kind, "pk": pk})
    if absolute:
        ics = settings.SITE_URL.rstrip("/") + ics
    return CalendarLinks(ics=ics, google=google_calendar_url(item), outlook=outlook_calendar_url(item))


def single_event_calendar(item: CalendarEvent) -> bytes:
    """An .ics file with one event, without METHOD, so calendar apps import it as an entry."""
    return build_calendar([item])


# The personal calendar page ------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEntry:
    """One event as the /calendar/ page shows it, in the viewer's zone."""

    event: CalendarEvent
    start: datetime
    end: datetime
    link: str

    @property
    def is_cancelled(self) -> bool:
        return self.event.status == "CANCELLED"

    @property
    def is_tentative(self) -> bool:
        return self.event.status == "TENTATIVE"


@dataclass(frozen=True)
class CalendarDay:
    day: date
    in_month: bool
    is_today: bool
    entries: list[CalendarEntry]


def _site_path(url: str) -> str:
    base = settings.SITE_URL.rstrip("/")
    return url[len(base) :] or "/" if base and url.startswith(base) else url


def month_entries(user, *, year: int, month: int, zone) -> list[CalendarEntry]:
    """The person's events from every provider that touch the month, in ``zone``, in order."""
    first = datetime(year, month, 1, tzinfo=zone)
    after = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    return [
        CalendarEntry(event=e, start=e.start.astimezone(zone), end=e.end.astimezone(zone), link=_site_path(e.url))
        for e in feed_events(user)
        if e.start < after and e.end > first
    ]


def month_weeks(entries: list[CalendarEntry], *, year: int, month: int, today: date) -> list[list[CalendarDay]]:
    """Weeks (Monday first) covering the month; each entry sits on its local start day."""
    by_day: dict[date, list[CalendarEntry]] = {}
    for entry in entries:
        by_day.setdefault(entry.start.date(), []).append(entry)
    return [
        [CalendarDay(day=d, in_month=d.month == month, is_today=d == today, entries=by_day.get(d, [])) for d in week]
        for week in calendar_module.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
