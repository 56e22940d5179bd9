"""Signed-in pages kept per session: a second visit costs no query, and nothing a person does, or has done to
their rows, is hidden behind the kept copy; nobody gets another person's page."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from organizations.factories import MembershipFactory, UserFactory
from policies.services import SESSION_KEY as CONSENT_SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _personal_cache_on(settings):
    settings.LMS_PERSONAL_PAGE_CACHE_SECONDS = 60
    cache.clear()


@pytest.fixture
def course(home_page):
    from courses.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory

    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Budgeting basics")
    for number in (1, 2):
        LessonPageFactory(parent=course, title=f"Lesson {number}")
    return course


@pytest.fixture
def lessons(course):
    from courses.models import LessonPage

    return list(LessonPage.objects.child_of(course).order_by("path"))


def _kept(client, url):
    """Visit twice: the first visit has no CSRF cookie yet (a browser's first page), so its page is not kept
    (its forms' tokens are made from the cookie it sets); the second is kept. Returns it."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "personal miss"
    return response


def test_a_second_visit_is_the_kept_page_without_a_query(client_for, member):
    client = client_for(member)
    kept = _kept(client, reverse("dashboard"))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse("dashboard"))
    assert again["X-Page-Cache"] == "personal hit" and again.content == kept.content
    # nothing but the session (the test settings keep sessions in the database only)
    assert all("django_session" in query["sql"] for query in queries.captured_queries)
    assert again.has_header("Content-Security-Policy") and again["X-Frame-Options"] == kept["X-Frame-Options"]


def test_nobody_gets_another_persons_page(client_for, organization):
    first = MembershipFactory(organization=organization, user=UserFactory(first_name="Aiko")).user
    second = MembershipFactory(organization=organization, user=UserFactory(first_name="Kenji")).user
    _kept(client_for(first), reverse("dashboard"))
    other = _kept(client_for(second), reverse("dashboard"))  # made afresh for them
    assert b"Kenji" in other.content and b"Aiko" not in other.content


def test_another_session_of_the_same_person_keeps_its_own(client_for, member):
    _kept(client_for(member), reverse("dashboard"))
    _kept(client_for(member), reverse("dashboard"))  # made afresh for the second session


def test_what_the_person_does_shows_at_once(client_for, member, course, lessons):
    services.enrollment_create(user=member, course=course)
    client = client_for(member)
    before = _kept(client, lessons[0].url)
    assert b"Mark this lesson complete" in before.content
    client.post(reverse("courses:lesson_complete", args=[lessons[0].pk]))
    client.cookies.pop("messages", None)  # the message was shown on the page the post led to
    after = client.get(lessons[0].url)
    assert after["X-Page-Cache"] == "personal miss" and b"Mark this lesson complete" not in after.content


def test_a_row_someone_else_saves_for_the_person_shows_at_once(client_for, member, course):
    client = client_for(member)
    assert b"Budgeting basics" not in _kept(client, reverse("courses:learning")).content
    services.enrollment_create(user=member, course=course)  # say, programme staff enrolling them
    after = client.get(reverse("courses:learning"))
    assert after["X-Page-Cache"] == "personal miss" and b"Budgeting basics" in after.content


def test_a_role_given_shows_at_once(client_for, member):
    client = client_for(member)
    _kept(client, reverse("dashboard"))
    Group.objects.get_or_create(name="Moderators")[0].user_set.add(member)
    assert client.get(reverse("dashboard"))["X-Page-Cache"] == "personal miss"


def test_publishing_shows_at_once(client_for, member, course, lessons):
    services.enrollment_create(user=member, course=course)
    client = client_for(member)
    _kept(client, lessons[1].url)
    lessons[1].title = "Lesson two, rewritten"
    lessons[1].save_revision().publish()
    after = client.get(lessons[1].url)
    assert after["X-Page-Cache"] == "personal miss" and b"Lesson two, rewritten" in after.content


def test_a_waiting_message_is_never_hidden_by_the_kept_page(client_for, member, course):
    client = client_for(member)
    _kept(client, reverse("courses:learning"))
    client.post(reverse("courses:enroll", args=[course.pk]))  # leaves "You are enrolled..." for the next page
    after = client.get(reverse("courses:learning"))
    assert "X-Page-Cache" not in after or after["X-Page-Cache"] != "personal hit"
    assert b"You are enrolled" in after.content


def test_the_consent_check_still_runs_before_a_kept_page(client_for, member):
    client = client_for(member)
    _kept(client, reverse("dashboard"))
    session = client.session
    session[CONSENT_SESSION_KEY] = True
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("policies:consent") in response["Location"]


def test_pages_that_did_not_ask_are_not_kept(client_for, member):
    client = client_for(member)
    client.get(reverse("advisors:consultations"))
    response = client.get(reverse("advisors:consultations"))
    assert response.status_code == 200 and not response.has_header("X-Page-Cache")


def test_a_booking_closes_the_slot_for_signed_in_viewers(client_for, member, organization):
    from datetime import time, timedelta

    from django.utils import timezone

    from advisors import availability
    from advisors import services as advisor_services
    from advisors.factories import AdvisorProfileFactory, WeeklyRuleFactory
    from organizations.factories import CapacityAreaFactory

    topic = CapacityAreaFactory()
    advisor = AdvisorProfileFactory(expertise=[topic])
    for weekday in range(7):
        WeeklyRuleFactory(advisor=advisor, weekday=weekday, start_time=time(9), end_time=time(17))
    ctx = availability.load_context(advisor)
    slot = next(s for s in availability.open_slots(ctx) if s.start >= timezone.now() + timedelta(days=1))
    url = f"{advisor.get_absolute_url()}?day={timezone.localtime(slot.start).date().isoformat()}"
    client = client_for(member)
    assert f"?start={slot.key}" in _kept(client, url).content.decode()
    other = MembershipFactory(organization=organization).user
    advisor_services.consultation_create(
        advisor=advisor,
        learner=other,
        organization=organization,
        topic=topic,
        mode="online",
        question="How do we set up project accounts?",
        start=slot.start,
    )
    after = client.get(url)
    assert after["X-Page-Cache"] == "personal miss" and f"?start={slot.key}" not in after.content.decode()


def test_a_preview_shows_the_draft_not_the_kept_live_page(client_for, course):
    from django.test import RequestFactory

    editor = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(editor)
    assert b"Budgeting basics" in _kept(client, course.url).content
    draft = course.get_latest_revision_as_object()
    draft.title = "Budgeting basics, a draft"
    draft.save_revision()
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    original = RequestFactory().get("/admin/", HTTP_COOKIE=cookies)
    preview = draft.make_preview_request(original_request=original)
    assert b"Budgeting basics, a draft" in preview.content
    assert preview.get("X-Page-Cache") is None


def test_a_message_shown_on_a_page_is_not_kept_with_it(client_for, member):
    from advisors.factories import AdvisorProfileFactory

    client = client_for(member)
    url = AdvisorProfileFactory().get_absolute_url() + "?week=not-a-week"
    client.get(reverse("dashboard"))  # the CSRF cookie
    shown = client.get(url)
    assert shown.status_code == 200 and not shown.has_header("X-Page-Cache")
    again = client.get(url)
    assert again.get("X-Page-Cache") != "personal hit"


def test_without_a_csrf_cookie_nothing_is_kept_or_served(client_for, member):
    client = client_for(member)
    _kept(client, reverse("dashboard"))
    client.cookies.pop("csrftoken")
    response = client.get(reverse("dashboard"))
    assert not response.has_header("X-Page-Cache") and "csrftoken" in response.cookies


def test_a_meeting_a_facilitator_plans_shows_on_every_members_home(client_for, member):
    from studygroups.factories import GroupMembershipFactory, MeetingFactory

    membership = GroupMembershipFactory(user=member)
    client = client_for(member)
    _kept(client, reverse("dashboard"))
    MeetingFactory(group=membership.group, title="Survey planning")  # saved by the facilitator, not the member
    after = client.get(reverse("dashboard"))
    assert after["X-Page-Cache"] == "personal miss" and b"Survey planning" in after.content


def test_rows_that_reach_a_person_through_another_row_retire_their_pages(member, course):
    from courses.factories import EnrollmentFactory
    from courses.models import Certificate
    from lms import cache_versions
    from lms.personal_cache import person_key
    from placements.factories import MilestoneFactory, PlacementFactory

    placement = PlacementFactory(researcher=member)
    before = cache_versions.current(person_key(member.pk))
    MilestoneFactory(placement=placement)
    assert cache_versions.current(person_key(member.pk)) != before

    enrollment = EnrollmentFactory(user=member, course=course)
    before = cache_versions.current(person_key(member.pk))
    Certificate.objects.create(enrollment=enrollment, learner_name="N. Member", course_title=course.title)
    assert cache_versions.current(person_key(member.pk)) != before


def test_only_the_pages_own_short_queries_are_kept(client_for, member):
    client = client_for(member)
    client.get(reverse("dashboard"))  # the CSRF cookie
    assert not client.get(reverse("dashboard") + "?anything=1").has_header("X-Page-Cache")
    assert not client.get(reverse("dashboard") + "?week=" + "1" * 200).has_header("X-Page-Cache")
    assert client.get(reverse("dashboard") + "?week=2026-12-07")["X-Page-Cache"] == "personal miss"
