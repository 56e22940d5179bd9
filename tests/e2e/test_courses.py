"""Journeys through courses and seminars: enroll and finish a course; register for a seminar and cancel."""

import re

import pytest
from playwright.sync_api import expect

from courses.factories import (
    SAMPLE_QUIZ,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    SeminarIndexPageFactory,
    SeminarPageFactory,
    SeminarSessionFactory,
    quiz_data,
)
from courses.models import Certificate, SeminarRegistration
from organizations.factories import MembershipFactory

from .conftest import assert_accessible, browser_test
from .test_keyboard import tab_to
from .test_page_weight import assert_within_budget, measure_first_load

pytestmark = browser_test


@pytest.fixture
def catalogue(home_page):
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), title="Governance basics", slug="governance-basics"
    )
    for number in (1, 2, 3):
        extra = {"quiz": quiz_data(SAMPLE_QUIZ)} if number == 3 else {}
        LessonPageFactory(parent=course, title=f"Lesson {number}", slug=f"lesson-{number}", **extra)
    seminar = SeminarPageFactory(
        parent=SeminarIndexPageFactory(parent=home_page), title="Fundraising clinic", slug="fundraising-clinic"
    )
    session = SeminarSessionFactory(seminar=seminar, capacity=3)
    learner = MembershipFactory().user
    return {"course": course, "seminar": seminar, "session": session, "learner": learner}


def test_enroll_and_finish_a_course(page, sign_in, catalogue):
    learner = sign_in(catalogue["learner"])
    page.goto("/courses/")
    assert_accessible(page, "course catalogue (signed in)")
    page.get_by_role("main").get_by_role("link", name="Governance basics").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Governance basics")
    assert_accessible(page, "course page before enrolling")
    page.get_by_role("button", name="Enroll in this course").click()
    assert_accessible(page, "course page after enrolling")

    page.get_by_role("link", name="Start the first lesson").click()
    for number in (1, 2):
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Lesson {number}")
        assert_accessible(page, f"lesson {number}")
        page.get_by_role("button", name="Mark this lesson complete").click()
        expect(page.get_by_role("status")).to_contain_text("Lesson complete.")  # and on to the next lesson

    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 3")
    quiz = page.get_by_role("region", name="Quiz")
    assert_accessible(page, "lesson with quiz")
    quiz.get_by_label("The articles of association").check()
    quiz.get_by_label("Oversight").check()
    quiz.get_by_label("Approving the budget").check()
    quiz.get_by_role("button", name="Submit answers").click()
    # Passing the last lesson's quiz finishes the course: the completion page links to the certificate.
    expect(page.get_by_role("heading", level=1)).to_have_text("Course complete")
    expect(page.get_by_role("link", name="Download the certificate (PDF)")).to_be_visible()
    assert_accessible(page, "course complete")

    certificate = Certificate.objects.get(enrollment__user=learner)
    page.goto("/learning/")
    completed = page.get_by_role("table", name="Completed courses")
    expect(completed).to_contain_text("Governance basics")
    expect(completed.get_by_role("link", name="Public link")).to_have_attribute("href", re.compile(certificate.code))
    assert_accessible(page, "my learning")
    page.context.clear_cookies()
    page.goto(f"/certificates/{certificate.code}/")
    expect(page.get_by_role("main")).to_contain_text("Governance basics")
    assert_accessible(page, "certificate verification (public)")


def test_register_for_a_seminar_and_cancel_by_keyboard(page, sign_in, catalogue, mailoutbox):
    learner = sign_in(catalogue["learner"])
    page.goto("/seminars/fundraising-clinic/")
    assert_accessible(page, "seminar page (signed in)")
    tab_to(page, lambda focus: focus["tag"] == "button" and focus["text"] == "Register")
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_contain_text("You have a seat")
    registration = SeminarRegistration.objects.get(user=learner)
    assert registration.status == SeminarRegistration.Status.CONFIRMED
    invitation = next(message for message in mailoutbox if message.to == [learner.email])
    assert any(attachment[2].startswith("text/calendar") for attachment in invitation.attachments)
    assert_accessible(page, "seminar page with a seat")

    tab_to(page, lambda focus: focus["tag"] == "a" and focus["text"] == "Cancel my seat")
    page.keyboard.press("Enter")
    # Giving up a seat cannot be undone, so it is confirmed on its own page first.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cancel your seat")
    assert_accessible(page, "cancel-seat confirmation")
    registration.refresh_from_db()
    assert registration.status == SeminarRegistration.Status.CONFIRMED
    tab_to(page, lambda focus: focus["tag"] == "button" and focus["text"] == "Yes, cancel")
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_contain_text("The registration is cancelled.")
    expect(page.get_by_role("button", name="Register")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status != SeminarRegistration.Status.CONFIRMED


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_course_and_seminar_pages_signed_out(page, catalogue, prefix):
    for path in ["/courses/", "/courses/governance-basics/", "/seminars/", "/seminars/fundraising-clinic/"]:
        response = page.goto(prefix + path)
        assert response.status == 200, f"{prefix}{path} answered {response.status}"
        assert_accessible(page, f"{prefix}{path} (signed out)")
    page.goto(prefix + "/courses/governance-basics/")
    expect(page.locator("main a[href*='/accounts/login/?next=']")).not_to_have_count(0)


def test_lesson_page_first_load_is_under_budget(contexts, live_server, catalogue):
    from .conftest import add_session

    context = contexts()
    add_session(context, live_server, catalogue["learner"])
    assert_within_budget("lesson (signed in)", measure_first_load(context, "/courses/governance-basics/lesson-1/"))
