"""An advisor's open times as a week; a signed-out choice of time goes through sign-in and back."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_page_shows_a_week_grid_with_bookable_times(client, advisor):
    body = client.get(advisor.get_absolute_url()).content.decode()
    assert 'class="week-grid"' in body
    assert re.search(r'href="/advisors/hanako-advisor/book/\?start=\d{4}-\d\d-\d\dT\d\d:\d\dZ"', body)
    assert "Next week" in body


def test_next_week_and_first_available(client, advisor):
    url = advisor.get_absolute_url()
    later = (timezone.localdate() + timedelta(days=14)).isoformat()
    body = client.get(url, {"week": later}).content.decode()
    assert "First available" in body and "Previous week" in body


@pytest.mark.parametrize(
    "week, message",
    [
        ("2020-01-06", "That week has passed"),
        ("2099-01-05", "Bookings do not open that far ahead"),
        ("2026-02-30", "That date could not be read"),
        ("next tuesday", "That date could not be read"),
        ("9" * 400, "That date could not be read"),
    ],
)
def test_bad_weeks_show_the_nearest_valid_week_with_a_message(client, advisor, week, message):
    response = client.get(advisor.get_absolute_url(), {"week": week})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "/book/?start=" in body  # still a week with times to choose


def test_the_advisors_own_time_is_shown_where_it_differs(client_for, advisor, member):
    advisor.time_zone = "Europe/London"
    advisor.save()
    body = client_for(member).get(advisor.get_absolute_url()).content.decode()
    assert "advisor's time" in body or "advisor&#x27;s time" in body


def test_signed_out_choice_of_a_time_goes_through_sign_in_and_back(client, advisor, slot_after, member):
    slot = slot_after(advisor)
    book = f"/advisors/{advisor.slug}/book/?start={slot.key}"
    response = client.get(book)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(book, safe='/')}"
    login_page = client.get(response["Location"]).content.decode()
    when = timezone.localtime(slot.start).strftime("%H:%M")
    assert "Sign in to book" in login_page and when in login_page and str(advisor) in login_page
    member.set_password("pw-for-test-123")
    member.save()
    signed_in = client.post(response["Location"], {"login": member.email, "password": "pw-for-test-123"})
    assert signed_in.status_code == 302 and signed_in["Location"] == book
    form = client.get(book)
    assert form.context["start"] == slot.start


def test_a_signed_out_visit_without_a_time_still_says_why(client, advisor):
    response = client.get(f"/advisors/{advisor.slug}/book/", follow=True)
    assert f"Sign in to book a consultation with {advisor}" in response.content.decode()


def test_someone_signed_in_goes_straight_to_the_form(client_for, advisor, member, slot_after):
    slot = slot_after(advisor)
    response = client_for(member).get(f"/advisors/{advisor.slug}/book/?start={slot.key}")
    assert response.status_code == 200 and response.context["start"] == slot.start


def test_signed_in_without_an_organization_is_told(client_for, advisor):
    response = client_for(UserFactory()).get(f"/advisors/{advisor.slug}/book/", follow=True)
    assert "Only members of an organization" in response.content.decode()
