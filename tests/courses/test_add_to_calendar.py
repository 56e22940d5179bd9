"""Seminar sessions: "Add to calendar" on the page and in the confirmation email, and the .ics download."""

from datetime import UTC
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from icalendar import Calendar

from courses import services
from courses.factories import SeminarRegistrationFactory
from courses.services import seminar_notices

pytestmark = pytest.mark.django_db


def test_seminar_page_offers_google_outlook_and_ics(client, make_session):
    session = make_session(title="Budgeting basics")
    body = client.get(session.seminar.url).content.decode()
    assert "Add to calendar" in body
    assert "https://calendar.google.com/calendar/render?" in body
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in body
    assert f"/calendar/event/session/{session.pk}.ics" in body


def test_cancelled_or_past_sessions_offer_nothing(client, make_session):
    from datetime import timedelta

    from django.utils import timezone

    session = make_session(is_cancelled=True)
    assert f"/calendar/event/session/{session.pk}.ics" not in client.get(session.seminar.url).content.decode()
    before = timezone.now() - timedelta(days=2)
    past = make_session(starts_at=before, ends_at=before + timedelta(hours=2))
    assert f"/calendar/event/session/{past.pk}.ics" not in client.get(past.seminar.url).content.decode()


def test_ics_download_for_anyone_without_the_private_meeting_link(client, make_session):
    session = make_session(format="hybrid", meeting_url="https://meet.example.org/secret")
    response = client.get(f"/calendar/event/session/{session.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert "secret" not in response.content.decode()


def test_confirmed_registrant_gets_the_meeting_link_in_the_download(client_for, make_session, user):
    session = make_session(format="hybrid", meeting_url="https://meet.example.org/secret")
    SeminarRegistrationFactory(session=session, user=user)
    body = client_for(user).get(f"/calendar/event/session/{session.pk}.ics").content.decode()
    assert "meet.example.org/secret" in body


def test_cancelled_session_download_is_404(client, make_session):
    session = make_session(is_cancelled=True)
    assert client.get(f"/calendar/event/session/{session.pk}.ics").status_code == 404
    assert client.get("/calendar/event/session/999999.ics").status_code == 404


def test_confirmation_email_carries_the_calendar_links(
    make_session, member, organization, django_capture_on_commit_callbacks
):
    session = make_session(title="Grant writing")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        services.registration_create(session=session, user=member, organization=organization)
    body = mail.outbox[-1].body
    google = next(line for line in body.splitlines() if "calendar.google.com" in line).split(": ", 1)[1]
    dates = parse_qs(urlparse(google).query)["dates"][0]
    utc = [t.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") for t in (session.starts_at, session.ends_at)]
    assert dates == "/".join(utc)
    assert f"/calendar/event/session/{session.pk}.ics" in body


@pytest.mark.parametrize("promoted", [False, True], ids=["confirmed", "promoted from the waitlist"])
def test_confirmation_email_html_part_carries_the_calendar_links(
    make_session, member, organization, django_capture_on_commit_callbacks, promoted
):
    from lms.calendar import calendar_links
    from tests.mail_html import assert_calendar_links_in_html

    session = make_session(title="Grant writing & budgets")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(session=session, user=member, organization=organization)
        if promoted:
            seminar_notices._notify(registration, "seminar_promoted")
    event = seminar_notices._session_event(session, registration=registration)
    links = calendar_links(event, kind="session", pk=session.pk, absolute=True)
    assert_calendar_links_in_html(mail.outbox[-1], links)
