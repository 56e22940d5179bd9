"""A learner's /dashboard/ in a constant number of queries, caches warm as on a server.

At most 12: the needs and the calendar providers share what they both read (the learner's seminar
registrations, consultations, milestones and memberships are each read once per request, lms.home.once).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisors.factories import ConsultationFactory
from advisors.models import Consultation, FollowUp
from courses.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    EnrollmentFactory,
    LessonPageFactory,
    SeminarIndexPageFactory,
    SeminarPageFactory,
    SeminarRegistrationFactory,
    SeminarSessionFactory,
)
from organizations.factories import MembershipFactory
from studygroups.factories import GroupMembershipFactory, MeetingFactory
from tests.home.test_dashboard import _count

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


@pytest.fixture(autouse=True)
def _cached_sessions(settings):
    settings.SESSION_ENGINE = "lms.sessions"  # as in production, with Redis


def _busy_learner(size: int, learner, organization, home_page, counter=[0]):  # noqa: B006 - unique slugs
    counter[0] += 1
    n, now = counter[0], timezone.now()
    index = CourseIndexPageFactory(parent=home_page, slug=f"learner-courses-{n}")
    seminars = SeminarIndexPageFactory(parent=home_page, slug=f"learner-seminars-{n}")
    for i in range(size):
        course = CoursePageFactory(parent=index, title=f"Course {n}-{i}")
        LessonPageFactory(parent=course)
        EnrollmentFactory(user=learner, course=course)
        session = SeminarSessionFactory(
            seminar=SeminarPageFactory(parent=seminars), starts_at=now + timedelta(days=2 + i)
        )
        SeminarRegistrationFactory(user=learner, session=session)
        ConsultationFactory(
            learner=learner,
            organization=organization,
            status=Consultation.Status.CONFIRMED,
            start=now + timedelta(days=1, hours=i + 8 * n),  # no overlap with an earlier call's (PostgreSQL refuses it)
            end=now + timedelta(days=1, hours=i + 8 * n, minutes=30),
        )
        done = ConsultationFactory(
            learner=learner,
            organization=organization,
            status=Consultation.Status.COMPLETED,
            start=now - timedelta(days=3, hours=i + 8 * n),
            end=now - timedelta(days=3, hours=i + 8 * n) + timedelta(minutes=30),
        )
        FollowUp.objects.create(consultation=done, description=f"Follow-up {i}")
        membership = GroupMembershipFactory(user=learner)
        MeetingFactory(group=membership.group, starts_at=now + timedelta(days=4 + i))


def test_learner_dashboard_queries_are_bounded_and_equal_at_two_sizes(client_for, home_page, organization):
    learner = MembershipFactory(organization=organization).user
    client = client_for(learner)
    _busy_learner(1, learner, organization, home_page)
    small = _count(client)
    _busy_learner(5, learner, organization, home_page)
    large = _count(client)
    assert len(small) == len(large), (small, large)
    assert len(large) <= MAX_QUERIES, "\n".join(large)
