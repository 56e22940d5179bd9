"""Journey: a learner books an advisor by keyboard only; the advisor confirms and records the outcome."""

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from advisors.factories import AdvisorProfileFactory, WeeklyRuleFactory
from advisors.models import Consultation
from organizations.factories import CapacityAreaFactory, MembershipFactory, OrganizationFactory

from .conftest import add_session, assert_accessible, browser_test
from .test_keyboard import tab_to

pytestmark = browser_test


@pytest.fixture
def advisor():
    topic = CapacityAreaFactory(name="Financial management", slug="financial-management")
    advisor = AdvisorProfileFactory(slug="ada-advisor", auto_confirm=False, min_notice_hours=0)
    advisor.user.first_name, advisor.user.last_name = "Ada", "Advisor"
    advisor.user.save()
    advisor.expertise.set([topic])
    for weekday in range(7):
        WeeklyRuleFactory(advisor=advisor, weekday=weekday, start_time=time(9), end_time=time(17))
    return advisor


def test_book_by_keyboard_then_advisor_confirms_and_records(contexts, live_server, advisor, mailoutbox):
    organization = OrganizationFactory(name="Tama River Water Partners", slug="tama-water")
    learner = MembershipFactory(organization=organization).user

    learner_context = contexts()
    add_session(learner_context, live_server, learner)
    page = learner_context.new_page()
    page.goto("/advisors/ada-advisor/")
    tab_to(page, lambda focus: "/advisors/ada-advisor/book/" in focus["href"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Book a consultation")
    assert_accessible(page, "consultation form")

    tab_to(page, lambda focus: focus["id"] == "id_organization")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_organization")).to_have_value(str(organization.pk))
    tab_to(page, lambda focus: focus["id"] == "id_topic")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_topic")).not_to_have_value("")
    tab_to(page, lambda focus: focus["id"] == "id_mode_0")
    page.keyboard.press("Space")
    expect(page.locator("#id_mode_0")).to_be_checked()
    tab_to(page, lambda focus: focus["id"] == "id_question")
    page.keyboard.type("We need help preparing our first annual budget.")
    tab_to(page, lambda focus: focus["tag"] == "button" and focus["text"] == "Send request")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Your request was sent")
    assert_accessible(page, "consultation page (learner, pending)")

    consultation = Consultation.objects.get(learner=learner)
    assert consultation.status == Consultation.Status.PENDING
    assert any(advisor.user.email in message.to for message in mailoutbox)

    # The advisor answers the request.
    advisor_context = contexts()
    add_session(advisor_context, live_server, advisor.user)
    advisor_page = advisor_context.new_page()
    advisor_page.goto("/consultations/")
    assert_accessible(advisor_page, "advisor's consultations")
    advisor_page.goto(f"/consultations/{consultation.pk}/")
    assert_accessible(advisor_page, "consultation page (advisor, pending)")
    advisor_page.get_by_role("button", name="Confirm", exact=True).click()
    expect(advisor_page.get_by_role("status")).to_be_visible()
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CONFIRMED

    # Time passes: the consultation took place yesterday.
    start = timezone.now() - timedelta(days=1)
    Consultation.objects.filter(pk=consultation.pk).update(
        start=start, end=start + (consultation.end - consultation.start)
    )
    advisor_page.reload()
    advisor_page.get_by_role("link", name="Record the outcome").click()
    assert_accessible(advisor_page, "record form")
    advisor_page.get_by_label(re.compile(r"^Outcome")).select_option("resolved")
    advisor_page.get_by_label(re.compile(r"^Summary")).fill("Walked through a simple budget template.")
    advisor_page.get_by_role("button", name="Save record").click()
    expect(advisor_page.get_by_role("status")).to_contain_text("The consultation record was saved.")

    page.reload()
    expect(page.get_by_role("region", name="Outcome")).to_contain_text("Walked through a simple budget template.")
    assert_accessible(page, "consultation page (learner, recorded)")
