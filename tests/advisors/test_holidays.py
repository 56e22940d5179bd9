"""National holidays are closed by default and an advisor can open one; away periods are whole days."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from advisors import availability, selectors, services
from advisors.factories import DateOverrideFactory
from advisors.models import HolidayOpening
from lms.errors import ServiceError

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def advisor(advisor):
    """The shared Tokyo advisor, closed on Japan's national holidays (the model's default)."""
    advisor.holiday_country = "JP"
    advisor.save(update_fields=["holiday_country"])
    return advisor


NOW = datetime(2026, 12, 25, tzinfo=UTC)


def _days(advisor, now=NOW):
    ctx = availability.load_context(advisor, now=now)
    return {slot.start.astimezone(TOKYO).date() for slot in availability.open_slots(ctx)}


def test_japanese_national_holidays_offer_no_slot(advisor):
    days = _days(advisor)
    assert date(2026, 12, 31) in days
    assert date(2027, 1, 1) not in days  # New Year's Day
    assert date(2027, 1, 11) not in days  # Coming of Age Day
    assert date(2027, 1, 12) in days


def test_a_direct_request_on_a_holiday_is_refused_with_its_name(advisor):
    ctx = availability.load_context(advisor, now=NOW)
    start = datetime(2027, 1, 1, 10, tzinfo=TOKYO).astimezone(UTC)
    assert "New Year" in availability.slot_problem(ctx, start)


def test_an_opened_holiday_follows_the_weekly_hours(advisor):
    services.holiday_open(advisor=advisor, day=date(2027, 1, 1))
    assert date(2027, 1, 1) in _days(advisor)
    services.holiday_close(advisor=advisor, day=date(2027, 1, 1))
    assert date(2027, 1, 1) not in _days(advisor)


def test_hours_set_for_the_date_win_over_the_holiday(advisor):
    DateOverrideFactory(advisor=advisor, date=date(2027, 1, 11), start_time=time(13), end_time=time(15))
    assert date(2027, 1, 11) in _days(advisor)


def test_no_country_means_open_on_holidays(advisor):
    advisor.holiday_country = ""
    advisor.save()
    assert date(2027, 1, 1) in _days(advisor)


def test_opening_twice_or_a_normal_day_is_refused(advisor):
    services.holiday_open(advisor=advisor, day=date(2027, 1, 1))
    with pytest.raises(ServiceError, match="already open"):
        services.holiday_open(advisor=advisor, day=date(2027, 1, 1))
    with pytest.raises(ServiceError, match="not a national holiday"):
        services.holiday_open(advisor=advisor, day=date(2027, 1, 5))
    with pytest.raises(ServiceError, match="already closed"):
        services.holiday_close(advisor=advisor, day=date(2027, 1, 5))
    assert HolidayOpening.objects.count() == 1


def test_availability_page_lists_holidays_and_opens_one(client_for, advisor):
    client = client_for(advisor.user)
    page = client.get("/consultations/availability/").content.decode()
    assert "National holidays" in page and "New Year" in page
    holiday = selectors.holidays_ahead(advisor, date.today())[0]
    day = holiday["date"].isoformat()
    response = client.post("/consultations/availability/holidays/", {"day": day, "action": "open"}, follow=True)
    assert "is open for consultations" in response.content.decode()
    response = client.post("/consultations/availability/holidays/", {"day": day, "action": "open"}, follow=True)
    assert "already open" in response.content.decode()
    assert HolidayOpening.objects.filter(advisor=advisor).count() == 1


@pytest.mark.parametrize("data", [{"day": "2027-02-30", "action": "open"}, {"day": "x", "action": "open"},
                                  {"day": "2027-01-01", "action": "explode"}, {}])  # fmt: skip
def test_bad_holiday_input_gets_a_message(client_for, advisor, data):
    response = client_for(advisor.user).post("/consultations/availability/holidays/", data, follow=True)
    assert response.status_code == 200
    assert "Please choose a holiday from the list." in response.content.decode()


def test_holiday_endpoint_is_for_advisors_only(client_for, member):
    assert client_for(member).post("/consultations/availability/holidays/", {}).status_code == 404
    assert client_for(None).post("/consultations/availability/holidays/", {}).status_code == 302


def test_away_28_december_to_4_january_shows_as_exactly_that(client_for, advisor):
    year = date.today().year + 1
    advisor.holiday_country = ""  # only the away period closes days here
    advisor.save()
    client = client_for(advisor.user)
    data = {"kind": "blocked", "blocked-first_day": f"{year}-12-28", "blocked-last_day": f"{year + 1}-01-04",
            "blocked-reason": "New year break"}  # fmt: skip
    client.post("/consultations/availability/", data)
    page = client.get("/consultations/availability/").content.decode()
    assert f"28 December {year} to 4 January {year + 1}" in page
    assert "5 January" not in page
    days = _days(advisor, now=datetime(year, 12, 20, tzinfo=UTC))
    assert date(year + 1, 1, 4) not in days and date(year + 1, 1, 5) in days and date(year, 12, 27) in days
    assert date(year, 12, 28) not in days
