"""What the progress and home apps read from courses: aggregated in the database."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import selectors, services
from courses.models import SeminarRegistration
from organizations.factories import CapacityAreaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def complete(user, course):
    from courses.models import LessonPage

    services.enrollment_create(user=user, course=course)
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    for lesson in lessons:
        services.lesson_complete(user=user, lesson=lesson)


def test_course_aggregates_for_an_organization(organization, other_organization, make_course):
    area = CapacityAreaFactory(name="Fundraising", slug="fundraising")
    course = make_course(lessons=2, quiz_on_last=False)
    course.capacity_areas.add(area)
    course.save_revision().publish()
    other_course = make_course(lessons=2, quiz_on_last=False)
    learners = [MembershipFactory(organization=organization).user for _ in range(3)]
    outsider = MembershipFactory(organization=other_organization).user
    complete(learners[0], course)
    complete(learners[1], course)
    services.enrollment_create(user=learners[2], course=other_course)
    complete(outsider, course)

    totals = selectors.course_totals_for_organization(organization)
    assert totals == {"enrollments": 3, "learners": 3, "completions": 2, "certificates": 2}
    assert selectors.completions_by_capacity_area(organization=organization) == [
        {"slug": "fundraising", "name": "Fundraising", "completions": 2}
    ]
    by_course = {row["course_id"]: row for row in selectors.completions_by_course(organization=organization)}
    assert (by_course[course.pk]["enrollments"], by_course[course.pk]["completions"]) == (2, 2)
    future = timezone.now() + timedelta(days=1)
    assert selectors.course_totals_for_organization(organization, start=future)["completions"] == 0


def test_seminar_aggregates_for_an_organization(organization, make_session, programme_staff):
    session = make_session(capacity=2)
    session.seminar.capacity_areas.add(CapacityAreaFactory(name="Safety", slug="safety"))
    session.seminar.save_revision().publish()
    people = [MembershipFactory(organization=organization).user for _ in range(3)]
    regs = [services.registration_create(session=session, user=p) for p in people]
    SeminarRegistration.objects.filter(pk=regs[0].pk).update(attended=True)
    totals = selectors.seminar_totals_for_organization(organization)
    assert totals == {"registrations": 3, "confirmed": 2, "waitlisted": 1, "attended": 1, "attendees": 1}
    assert selectors.seminar_registrations_for_user(people[0]).count() == 1


def test_home_highlights_on_the_home_page(client_for, make_course, make_session):
    make_course(title="Accounting for small NGOs")
    session = make_session()
    response = client_for(None).get("/")
    body = response.content.decode()
    assert "Accounting for small NGOs" in body
    assert session.seminar.title in body
    assert UserFactory()


def test_home_highlights_in_japanese_link_and_date_in_japanese(client_for, make_course, make_session):
    from django.utils.formats import date_format
    from django.utils.translation import override

    course = make_course(title="Accounting for small NGOs")
    session = make_session()
    body = client_for(None).get("/ja/").content.decode()
    assert f'href="/ja{course.url}"' in body
    assert f'href="/ja{session.seminar.url}"' in body
    with override("ja"):
        assert date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT") in body
    assert timezone.localtime(session.starts_at).strftime("%Y-%m-%d") not in body
