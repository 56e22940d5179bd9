"""A learner's pages kept for their session, on a phone: a revisit comes from the cache, and what they do
shows at once."""

import pytest
from playwright.sync_api import expect

from courses.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
from courses.services import enrollment_create
from organizations.factories import MembershipFactory

from .conftest import browser_test

pytestmark = browser_test


@pytest.fixture
def course(home_page):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Budgeting basics")
    for number in (1, 2):
        LessonPageFactory(parent=course, title=f"Lesson {number}", slug=f"lesson-{number}")
    return course


def test_a_kept_lesson_and_home_never_hide_what_the_learner_did(page, sign_in, course):
    learner = sign_in(MembershipFactory().user)
    enrollment_create(user=learner, course=course)
    page.set_viewport_size({"width": 390, "height": 844})
    lesson = course.get_children().live().first().specific.url
    page.goto(lesson)  # the first page sets the CSRF cookie: not kept
    assert page.goto(lesson).headers.get("x-page-cache") == "personal miss"
    assert page.goto(lesson).headers.get("x-page-cache") == "personal hit"

    page.get_by_role("button", name="Mark this lesson complete").click()
    expect(page.get_by_role("status")).to_contain_text("Lesson complete.")
    response = page.goto(lesson)
    assert response.headers.get("x-page-cache") == "personal miss"
    expect(page.get_by_role("button", name="Mark this lesson complete")).to_have_count(0)

    page.get_by_role("link", name="Menu").click()
    page.get_by_role("link", name="Your home").click()
    page.reload()
    kept = page.reload()
    assert kept.headers.get("x-page-cache") == "personal hit"
    expect(page.get_by_role("main")).to_contain_text("Budgeting basics")
