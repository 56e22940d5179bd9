"""axe-core audits of the NGO Advisors pages (owned by the advisors app), signed in and out."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from advisors.factories import AdvisorProfileFactory, ConsultationFactory, ConsultationRecordFactory, WeeklyRuleFactory
from advisors.models import Consultation
from organizations.factories import CapacityAreaFactory, MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import ProgrammeRole

from .conftest import add_session, assert_accessible, browser_test

pytestmark = browser_test


@pytest.fixture
def data(home_page):
    topic = CapacityAreaFactory(name="Financial management", slug="financial-management")
    advisor = AdvisorProfileFactory(slug="ada-advisor", time_zone="Europe/London", min_notice_hours=0)
    advisor.expertise.set([topic])
    for weekday in range(7):
        WeeklyRuleFactory(advisor=advisor, weekday=weekday, start_time=time(9), end_time=time(12))
    organization = OrganizationFactory(slug="tama-water")
    learner = MembershipFactory(organization=organization).user
    consultation = ConsultationFactory(
        advisor=advisor, learner=learner, organization=organization, topic=topic,
        start=timezone.now() - timedelta(days=2), status=Consultation.Status.COMPLETED,
    )  # fmt: skip
    ConsultationRecordFactory(consultation=consultation)
    consultation.follow_ups.create(description="Send the budget")
    pending = ConsultationFactory(
        advisor=advisor, learner=learner, organization=organization, topic=topic,
        start=timezone.now() + timedelta(days=3), status=Consultation.Status.PENDING,
    )  # fmt: skip
    staff = UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF])
    return {"advisor": advisor, "learner": learner, "consultation": consultation, "pending": pending, "staff": staff}


def audit(page, live_server, paths):
    for path in paths:
        page.goto(live_server.url + path)
        assert_accessible(page, path)


def test_public_pages(page, live_server, data):
    audit(page, live_server, ["/advisors/", "/advisors/?area=financial-management", "/advisors/ada-advisor/"])


def test_learner_pages(page, context, live_server, data):
    add_session(context, live_server, data["learner"])
    audit(
        page,
        live_server,
        [
            "/consultations/",
            data["consultation"].get_absolute_url(),
            data["pending"].get_absolute_url(),
            f"/consultations/{data['pending'].pk}/reschedule/",
            "/consultations/outreach/",
        ],
    )
    page.goto(live_server.url + "/advisors/ada-advisor/")
    page.locator("a.button--secondary").first.click()
    assert_accessible(page, "consultation form")


def test_advisor_and_staff_pages(page, context, live_server, data):
    add_session(context, live_server, data["advisor"].user)
    audit(
        page,
        live_server,
        [
            "/consultations/",
            "/consultations/availability/",
            data["pending"].get_absolute_url(),
            data["consultation"].get_absolute_url(),
            f"/consultations/{data['consultation'].pk}/record/",
        ],
    )
    context.clear_cookies()
    add_session(context, live_server, data["staff"])
    audit(page, live_server, ["/consultations/programme/"])
