"""The one place "Add to calendar" links are built: Google and Outlook carry UTC times and the title."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

from lms.calendar import CalendarEvent, google_calendar_url, outlook_calendar_url

EVENT = CalendarEvent(
    uid="x@lms",
    start=datetime(2026, 12, 7, 14, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
    end=datetime(2026, 12, 7, 16, 30, tzinfo=ZoneInfo("Asia/Tokyo")),
    summary="Project cycle management & evaluation",
    description="Bring your logframe.",
    location="JICA Ichigaya, Tokyo",
)


def _query(url):
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def test_google_link_has_utc_times_title_place_and_details():
    url = google_calendar_url(EVENT)
    assert url.startswith("https://calendar.google.com/calendar/render?")
    q = _query(url)
    assert q["action"] == "TEMPLATE"
    assert q["dates"] == "20261207T050000Z/20261207T073000Z"
    assert q["text"] == "Project cycle management & evaluation"
    assert q["location"] == "JICA Ichigaya, Tokyo"
    assert q["details"] == "Bring your logframe."


def test_outlook_link_has_utc_times_and_subject():
    q = _query(outlook_calendar_url(EVENT))
    assert q["startdt"] == "2026-12-07T05:00:00Z"
    assert q["enddt"] == "2026-12-07T07:30:00Z"
    assert q["subject"] == "Project cycle management & evaluation"
    assert q["rru"] == "addevent"


def test_long_descriptions_are_shortened_for_the_url():
    long = CalendarEvent(uid="y", start=datetime(2026, 1, 5, tzinfo=UTC), end=datetime(2026, 1, 5, 1, tzinfo=UTC),
                         summary="S", description="x" * 5000)  # fmt: skip
    assert len(_query(google_calendar_url(long))["details"]) == 1500


def test_unknown_kind_of_event_download_is_404(client, db):
    assert client.get("/calendar/event/nothing/1.ics").status_code == 404
