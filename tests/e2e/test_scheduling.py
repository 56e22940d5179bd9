"""Journeys through scheduling: add a session to a calendar, subscribe, the personal calendar, an advisor's
week (signed out, through sign-in), national holidays and away periods."""

import re
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from advisors.closures import national_holidays
from advisors.factories import AdvisorProfileFactory, ConsultationFactory, WeeklyRuleFactory
from courses.factories import SeminarIndexPageFactory, SeminarPageFactory, SeminarSessionFactory
from courses.models import SeminarRegistration
from organizations.factories import CapacityAreaFactory, MembershipFactory
from studygroups.factories import GroupMembershipFactory, MeetingFactory, StudyGroupFactory

from .conftest import add_session, assert_accessible, browser_test
from .test_keyboard import tab_to

pytestmark = browser_test
TOKYO = ZoneInfo("Asia/Tokyo")
PASSWORD = "a-long-test-password-2026"


@pytest.fixture
def seminar(home_page):
    page = SeminarPageFactory(
        parent=SeminarIndexPageFactory(parent=home_page), title="Budgeting for small NGOs", slug="budgeting"
    )
    start = (timezone.now() + timedelta(days=9)).astimezone(TOKYO).replace(hour=14, minute=0, second=0, microsecond=0)
    session = SeminarSessionFactory(seminar=page, starts_at=start, ends_at=start + timedelta(hours=2))
    return page, session


@pytest.fixture
def advisor():
    topic = CapacityAreaFactory(name="Financial management", slug="financial-management")
    advisor = AdvisorProfileFactory(
        slug="keiko-mori", consultation_window_days=90, min_notice_hours=0, holiday_country="JP"
    )
    advisor.user.first_name, advisor.user.last_name = "Keiko", "Mori"
    advisor.user.save()
    advisor.expertise.set([topic])
    for weekday in range(7):
        WeeklyRuleFactory(advisor=advisor, weekday=weekday, start_time=time(10), end_time=time(16))
    return advisor


def _patient(context):
    """Two cores shared by many test runs: give slow page loads time rather than fail on them."""
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(60_000)
    return context


def test_learner_adds_a_session_to_google_and_downloads_its_ics(contexts, live_server, seminar):
    page_obj, session = seminar
    context = _patient(contexts())
    add_session(context, live_server, MembershipFactory().user)
    page = context.new_page()
    page.goto("/seminars/budgeting/")
    page.get_by_text("Add to calendar").first.click()
    google = page.get_by_role("link", name=re.compile("Google Calendar"))
    expect(google).to_be_visible()
    assert_accessible(page, "seminar page with add to calendar open")
    query = parse_qs(urlparse(google.get_attribute("href")).query)
    utc = [t.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") for t in (session.starts_at, session.ends_at)]
    assert query["dates"] == ["/".join(utc)]
    assert query["text"] == ["Budgeting for small NGOs"]
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Download \.ics")).click()
    with open(download_info.value.path(), encoding="utf-8") as handle:
        content = handle.read()
    assert "BEGIN:VEVENT" in content and "Budgeting for small NGOs" in content
    assert f"DTSTART:{utc[0]}" in content


def test_subscribe_then_see_everything_in_the_personal_calendar(contexts, live_server, seminar, advisor):
    _page, session = seminar
    membership = MembershipFactory()
    learner = membership.user
    SeminarRegistration.objects.create(
        session=session, user=learner, organization=membership.organization, status="confirmed"
    )
    start = session.starts_at.astimezone(TOKYO).replace(hour=10)  # the seminar's day, in the morning
    ConsultationFactory(advisor=advisor, learner=learner, organization=membership.organization, start=start,
                   topic=advisor.expertise.get(),
                   end=start + timedelta(hours=1))  # fmt: skip
    group = StudyGroupFactory(title="Donor reporting", slug="donor-reporting")
    GroupMembershipFactory(group=group, user=learner, organization=membership.organization)
    MeetingFactory(group=group, title="Survey planning", starts_at=session.starts_at.astimezone(TOKYO).replace(hour=18))

    context = _patient(contexts())
    add_session(context, live_server, learner)
    page = context.new_page()
    page.goto("/accounts/profile/")
    subscribe = page.get_by_role("link", name="Subscribe in your calendar app")
    assert subscribe.get_attribute("href").startswith("webcal://")
    address = page.get_by_label("Or copy this address into your calendar app").input_value()
    assert address.startswith("http") and address.endswith(".ics")
    page.get_by_text("Google Calendar", exact=True).click()
    expect(page.get_by_text("From URL")).to_be_visible()
    assert_accessible(page, "profile with the subscription box")
    feed = context.request.get(address).text()
    assert "Budgeting for small NGOs" in feed and "Survey planning" in feed and "Consultation" in feed

    page.get_by_role("link", name="See your calendar on this site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My calendar")
    page.get_by_role("link", name="Agenda", exact=True).click()
    if session.starts_at.astimezone(TOKYO).month != timezone.localdate().month:
        page.get_by_role("link", name="Next month").click()
    text = page.get_by_role("main").inner_text()
    for title in ("Budgeting for small NGOs", "Consultation: Financial management", "Survey planning"):
        assert title in text
    assert_accessible(page, "personal calendar, agenda")
    page.get_by_role("link", name="Month", exact=True).click()
    assert_accessible(page, "personal calendar, month")
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_signed_out_visitor_picks_a_time_signs_in_and_lands_on_the_form(contexts, advisor):
    member = MembershipFactory().user
    member.set_password(PASSWORD)
    member.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=member, email=member.email, defaults={"verified": True, "primary": True})
    page = _patient(contexts()).new_page()
    page.goto("/advisors/keiko-mori/")
    assert_accessible(page, "advisor week (signed out)")
    slot = page.locator(".week-grid a.slot").first
    href = slot.get_attribute("href")
    chosen = re.search(r"start=([0-9T:\-Z]+)", href).group(1)
    slot.click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("Sign in to book")
    expect(status).to_contain_text("Keiko Mori")
    assert_accessible(page, "sign-in page with the booking reason")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Book a consultation with Keiko Mori")
    assert f"start={chosen}" in page.url
    when = datetime.strptime(chosen, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC).astimezone(TOKYO)
    expect(page.locator(".lead")).to_contain_text(when.strftime("%H:%M"))


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _day_shown(page) -> date:
    current = page.locator('.week-day .day-strip a[aria-current="date"]')
    return date.fromisoformat(parse_qs(urlparse(current.get_attribute("href")).query)["day"][0])


def _assert_one_day_of_slots(page, day: date):
    label = f"{day.day} {day:%B %Y}"
    expect(page.locator("#day-heading")).to_contain_text(label)
    slots = page.locator("a.slot:visible")
    assert slots.count() > 0
    for text in slots.all_inner_texts():
        assert label in text, f"{text!r} is not on {label}"


def test_on_a_phone_the_week_shows_one_day_and_next_day_moves_on(contexts, advisor):
    advisor.holiday_country = ""  # every day has times, so the next day always has some
    advisor.save()
    page = _patient(contexts()).new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/advisors/keiko-mori/")
    _no_sideways_scroll(page)
    expect(page.locator(".week-grid")).to_be_hidden()
    first = _day_shown(page)
    _assert_one_day_of_slots(page, first)
    assert_accessible(page, "advisor week on a phone, one day")

    focus = tab_to(page, lambda f: "slot" in f["className"])  # every stop on the way shows its focus
    assert "/book/?start=" in focus["href"]

    page.get_by_role("link", name="Next day").click()
    expect(page).to_have_url(re.compile(rf"day={(first + timedelta(days=1)).isoformat()}"))
    assert _day_shown(page) == first + timedelta(days=1)
    _assert_one_day_of_slots(page, first + timedelta(days=1))
    _no_sideways_scroll(page)

    page.set_viewport_size({"width": 1280, "height": 900})  # the same page, wide: the whole week
    expect(page.locator(".week-grid")).to_be_visible()
    expect(page.locator("#day-heading")).to_be_hidden()
    assert page.locator(".week-grid thead th").count() == 8


def test_no_slot_on_a_japanese_national_holiday(contexts, advisor):
    page = _patient(contexts()).new_page()
    today = timezone.localdate()
    holiday = min(national_holidays("JP", today + timedelta(days=2), today + timedelta(days=80)))
    page.goto(f"/advisors/keiko-mori/?week={holiday.isoformat()}")
    grid = page.locator(".week-grid")
    expect(grid).to_be_visible()
    column = [d.date() for d in _week_days(holiday)].index(holiday) + 2  # the time column comes first
    assert page.locator(f".week-grid tbody td:nth-child({column}) a").count() == 0
    next_day = column + 1 if column < 8 else column - 1
    other = _week_days(holiday)[next_day - 2].date()
    if other not in national_holidays("JP", other, other):
        assert page.locator(f".week-grid tbody td:nth-child({next_day}) a").count() > 0
    assert_accessible(page, "advisor week with a holiday")


def _week_days(day: date) -> list[datetime]:
    monday = day - timedelta(days=day.weekday())
    return [datetime.combine(monday + timedelta(days=n), time()) for n in range(7)]


def test_an_away_period_28_december_to_4_january_shows_as_exactly_that(contexts, live_server, advisor):
    year = timezone.localdate().year + 1
    context = _patient(contexts())
    add_session(context, live_server, advisor.user)
    page = context.new_page()
    page.goto("/consultations/availability/")
    assert_accessible(page, "availability page")
    page.get_by_label("First day away").fill(f"{year}-12-28")
    page.get_by_label("Last day away").fill(f"{year + 1}-01-04")
    page.locator("#id_blocked-reason").fill("New year break")
    page.get_by_role("button", name="Add period away").click()
    expect(page.get_by_role("status")).to_contain_text("Your availability was saved.")
    away = page.locator(".away-period")
    expect(away).to_contain_text(f"28 December {year} to 4 January {year + 1}")
    expect(away).not_to_contain_text("5 January")
