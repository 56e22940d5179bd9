"""An advisor's open times as a week; a signed-out choice of time goes through sign-in and back."""

import re
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from advisors import selectors
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
        ("2099-01-05", "Consultations do not open that far ahead"),
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


# One day at a time on a phone: ?day= picks the day (and its week); the wide grid still shows the week.


def _day_panel(body: str) -> str:
    return body.split('class="week-day"', 1)[1].split("</section>", 1)[0]


def test_a_day_shows_that_days_times_and_its_whole_week(client, advisor, slot_after):
    slot = slot_after(advisor, days=3)
    day = timezone.localtime(slot.start).date()
    response = client.get(advisor.get_absolute_url(), {"day": day.isoformat()})
    assert response.status_code == 200
    week = response.context["week"]
    assert week["day"]["date"] == day and week["problem"] == ""
    assert day in week["days"] and len(week["days"]) == 7
    assert all(timezone.localtime(item["slot"].start).date() == day for item in week["day"]["slots"])
    body = response.content.decode()
    panel = _day_panel(body)
    assert f"?start={slot.key}" in panel
    assert f'href="?day={(day + timedelta(days=1)).isoformat()}#day-heading">Next day' in panel
    assert f'href="?day={(day - timedelta(days=1)).isoformat()}#day-heading">Previous day' in panel
    assert 'class="week-grid"' in body  # the wide layout keeps the whole week


@pytest.mark.parametrize("day", ["2026-02-30", "tomorrow", "9" * 400, ""])
def test_an_unreadable_day_shows_the_first_open_day_without_error(client, advisor, day):
    expected = client.get(advisor.get_absolute_url()).context["week"]["day"]["date"]
    response = client.get(advisor.get_absolute_url(), {"day": day})
    assert response.status_code == 200
    assert response.context["week"]["day"]["date"] == expected
    assert response.context["week"]["day"]["slots"]
    if day:
        assert "That date could not be read, so the first day with open times is shown." in response.content.decode()


def test_a_past_day_shows_today(client, advisor):
    response = client.get(advisor.get_absolute_url(), {"day": "2020-01-06"})
    assert response.status_code == 200
    assert response.context["week"]["day"]["date"] == timezone.localdate()
    assert response.context["week"]["previous_day"] == ""  # nothing before today to go back to
    assert "That day has passed, so today is shown." in response.content.decode()


def test_a_day_beyond_the_consultation_window_shows_the_last_bookable_day(client, advisor):
    response = client.get(advisor.get_absolute_url(), {"day": "2099-01-05"})
    assert response.status_code == 200
    week = response.context["week"]
    assert week["day"]["date"] < date(2099, 1, 5) and week["next_day"] == ""
    assert "Consultations do not open that far ahead, so the last bookable day is shown." in response.content.decode()
    assert "Next day" not in _day_panel(response.content.decode())


def test_a_day_keeps_the_follow_up_in_its_links(client, advisor, slot_after):
    day = timezone.localtime(slot_after(advisor, days=3).start).date()
    body = client.get(advisor.get_absolute_url(), {"day": day.isoformat(), "follow_up": "12"}).content.decode()
    assert f"?day={(day + timedelta(days=1)).isoformat()}&amp;follow_up=12#day-heading" in _day_panel(body)


def _slots(*starts):
    return [SimpleNamespace(start=start) for start in starts]


def test_a_day_without_times_says_so_and_points_to_the_next_open_day():
    tokyo = ZoneInfo("Asia/Tokyo")
    monday = date(2030, 3, 4)
    slots = _slots(
        datetime(2030, 3, 4, 10, tzinfo=tokyo),
        datetime(2030, 3, 7, 10, tzinfo=tokyo),
        datetime(2030, 3, 7, 11, tzinfo=tokyo),
    )
    week = selectors.week_of_slots(
        slots, viewer_zone=tokyo, advisor_zone=tokyo, today=monday, latest=date(2030, 4, 1), week=None, day="2030-03-05"
    )
    assert week["day"] == {"date": date(2030, 3, 5), "slots": []}
    assert week["next_open_day"] == "2030-03-07"
    assert (week["previous_day"], week["next_day"]) == ("2030-03-04", "2030-03-06")
    assert [entry["has_slots"] for entry in week["strip"]] == [True, False, False, True, False, False, False]
    assert [entry["current"] for entry in week["strip"]].index(True) == 1
    on_thursday = selectors.week_of_slots(
        slots, viewer_zone=tokyo, advisor_zone=tokyo, today=monday, latest=date(2030, 4, 1), week=None, day="2030-03-07"
    )
    assert len(on_thursday["day"]["slots"]) == 2 and on_thursday["next_open_day"] == ""


def test_a_week_without_a_day_shows_that_weeks_first_open_day():
    tokyo = ZoneInfo("Asia/Tokyo")
    slots = _slots(datetime(2030, 3, 4, 10, tzinfo=tokyo), datetime(2030, 3, 13, 10, tzinfo=tokyo))
    week = selectors.week_of_slots(
        slots, viewer_zone=tokyo, advisor_zone=tokyo, today=date(2030, 3, 4), latest=date(2030, 4, 1), week="2030-03-12"
    )
    assert week["week_start"] == date(2030, 3, 11) and week["day"]["date"] == date(2030, 3, 13)
