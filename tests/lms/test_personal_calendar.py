"""/calendar/: the person's month and agenda from every scheme's provider, in their zone, never a 500."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from lms import calendar
from lms.calendar import CalendarEvent
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_provider():
    """A scheme's provider with two events for one person (registered as the schemes register theirs)."""
    owner = UserFactory(time_zone="Asia/Tokyo")
    now = timezone.now()
    events = [
        CalendarEvent(uid="a", start=datetime(now.year, now.month, 10, 23, 30, tzinfo=UTC),
                      end=datetime(now.year, now.month, 11, 0, 30, tzinfo=UTC), summary="Late workshop",
                      url="http://testserver/x/"),
        CalendarEvent(uid="b", start=datetime(now.year, now.month, 12, 1, tzinfo=UTC),
                      end=datetime(now.year, now.month, 12, 2, tzinfo=UTC), summary="Call off",
                      status="CANCELLED"),
    ]  # fmt: skip

    def provider(user):
        return events if user.pk == owner.pk else []

    calendar.register_feed_provider(provider)
    yield owner
    calendar._providers.remove(provider)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/calendar/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_month_shows_events_in_the_persons_zone(client_for, fake_provider):
    body = client_for(fake_provider).get("/calendar/").content.decode()
    assert "Late workshop" in body and "08:30" in body  # 23:30 UTC is 08:30 the next morning in Tokyo
    assert "Cancelled" in body


def test_someone_else_sees_none_of_it(client_for, fake_provider):
    body = client_for(UserFactory()).get("/calendar/").content.decode()
    assert "Late workshop" not in body
    assert "Nothing in your calendar this month." in body


def test_agenda_and_other_months(client_for, fake_provider):
    client = client_for(fake_provider)
    assert "Late workshop" in client.get("/calendar/?view=agenda").content.decode()
    now = timezone.now()
    later = f"{now.year + 1:04d}-{now.month:02d}"
    assert "Late workshop" not in client.get(f"/calendar/?view=agenda&month={later}").content.decode()


@pytest.mark.parametrize("value", ["garbage", "2026-13", "1900-01", "9999-01", "", "2026-1-1"])
def test_bad_months_fall_back_to_this_month_with_a_message(client_for, value):
    response = client_for(UserFactory()).get(f"/calendar/?month={value}", follow=True)
    assert response.status_code == 200
    assert "this month is shown instead" in response.content.decode()


def test_japanese_page(client_for):
    person = UserFactory(preferred_language="ja")
    response = client_for(person).get("/ja/calendar/")
    assert response.status_code == 200
    assert response["Content-Language"] == "ja"


def test_calendar_is_linked_from_the_profile(client_for):
    body = client_for(UserFactory()).get("/accounts/profile/").content.decode()
    assert 'href="/calendar/"' in body
    assert "webcal://" in body


def test_reset_returns_to_the_page_it_was_asked_from_and_never_elsewhere(client_for):
    person = UserFactory()
    client = client_for(person)
    old = person.calendar_token
    response = client.post("/accounts/calendar/reset/", {"next": "/calendar/"})
    assert response["Location"] == "/calendar/"
    person.refresh_from_db()
    assert person.calendar_token != old
    response = client.post("/accounts/calendar/reset/", {"next": "https://evil.example/"})
    assert response["Location"] == "/accounts/profile/"
