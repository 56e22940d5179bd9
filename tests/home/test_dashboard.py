"""/dashboard/: the signed-in person's home, for every role, in a constant number of queries."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisors.factories import AdvisorProfileFactory, ConsultationFactory
from advisors.models import Consultation, FollowUp, OutreachRequest
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
from organizations.factories import InvitationFactory, MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import Membership, ProgrammeRole
from placements.factories import MilestoneFactory, PlacementFactory, ReportFactory
from placements.models import Placement, Report
from studygroups.factories import FacilitatorFactory, GroupMembershipFactory, MeetingFactory
from studygroups.models import GroupMembership

pytestmark = pytest.mark.django_db


def _html(client, path="/dashboard/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert "next=/dashboard/" in response["Location"]


def test_signing_in_lands_on_the_dashboard_unless_next_says_otherwise(client):
    user = UserFactory(email="someone@example.org", password="demo-pass-2024")
    response = client.post(reverse("account_login"), {"login": user.email, "password": "demo-pass-2024"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    client.logout()
    response = client.post(
        reverse("account_login") + "?next=/organizations/", {"login": user.email, "password": "demo-pass-2024"}
    )
    assert response["Location"] == "/organizations/"


def test_a_new_learner_gets_empty_states_that_say_what_to_do(client_for):
    learner = UserFactory()
    MembershipFactory(user=learner)
    html = _html(client_for(learner))
    assert "Nothing is waiting on you right now." in html
    assert "Register for a seminar or book an NGO Advisor" in html
    assert "Enrol in a course to start" in html
    # Sections in the order the issue asks for.
    order = [html.index(f'id="{name}-heading"') for name in ("needs", "upcoming", "progress", "tools")]
    assert order == sorted(order)


def test_learner_resumes_at_the_next_lesson_and_sees_seats_and_feedback_due(client_for, home_page, member):
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Grant writing")
    first = LessonPageFactory(parent=course, title="Finding funders")
    LessonPageFactory(parent=course, title="Budgets")
    enrollment = EnrollmentFactory(user=member, course=course)
    enrollment.completions.create(lesson=first)
    seminars = SeminarIndexPageFactory(parent=home_page)
    seminar = SeminarPageFactory(parent=seminars, title="Safety for field staff")
    soon = SeminarSessionFactory(seminar=seminar, starts_at=timezone.now() + timedelta(days=3))
    three_days_ago = timezone.now() - timedelta(days=3)
    past = SeminarSessionFactory(seminar=seminar, starts_at=three_days_ago, ends_at=three_days_ago + timedelta(hours=2))
    SeminarRegistrationFactory(user=member, session=soon)
    SeminarRegistrationFactory(user=member, session=past, attended=True)
    html = _html(client_for(member))
    assert "Resume Grant writing" in html and "Next: Budgets · 1 of 2 lessons done" in html
    assert "Give feedback on Safety for field staff" in html
    upcoming = html[html.index('id="upcoming"') : html.index('id="progress"')]
    assert "Safety for field staff" in upcoming
    assert timezone.localtime(soon.starts_at).strftime("%-d %B %Y") in upcoming  # "7 December 2026", never ISO


def test_advisor_sees_requests_today_and_records_due(client_for, organization):
    advisor = AdvisorProfileFactory()
    learner = MembershipFactory(organization=organization).user
    now = timezone.now()
    ConsultationFactory(advisor=advisor, learner=learner, organization=organization, status=Consultation.Status.PENDING)
    ConsultationFactory(
        advisor=advisor,
        learner=learner,
        organization=organization,
        start=now - timedelta(days=2),
        end=now - timedelta(days=2) + timedelta(hours=1),
    )
    OutreachRequest.objects.create(
        requester=learner,
        requester_kind="school",
        requester_name="Sendai High School",
        event_date=timezone.localdate() + timedelta(days=20),
        place="Sendai",
        audience="Students",
        theme="What NGOs do",
        advisor=advisor,
        status=OutreachRequest.Status.ASSIGNED,
    )
    html = _html(client_for(advisor.user))
    assert "Consultation requests waiting for you" in html
    assert "Consultation records due" in html
    assert "Sendai High School: What NGOs do" in html
    assert reverse("advisors:availability") in html


def test_learner_sees_follow_ups_and_feedback_due(client_for, organization, member):
    consultation = ConsultationFactory(
        learner=member,
        organization=organization,
        status=Consultation.Status.COMPLETED,
        start=timezone.now() - timedelta(days=5),
        end=timezone.now() - timedelta(days=5) + timedelta(hours=1),
    )
    FollowUp.objects.create(consultation=consultation, description="Send the revised budget")
    html = _html(client_for(member))
    assert "Send the revised budget" in html
    assert f"Give feedback on your consultation with {consultation.advisor}" in html


def test_manager_sees_invitations_reports_and_the_organization_summary(client_for, organization, manager):
    InvitationFactory(organization=organization, invited_by=manager)
    placement = PlacementFactory(organization=organization, state=Placement.State.ACTIVE, researcher=UserFactory())
    ReportFactory(placement=placement, title="First quarter", status=Report.Status.SUBMITTED)
    html = _html(client_for(manager))
    assert f"Invitations not yet answered at {organization.name}" in html
    assert "Placement reports to review" in html and "First quarter" in html
    assert f"Members of {organization.name}" in html
    header = html[html.index("<header") : html.index("</header>")]
    assert reverse("progress:organization", args=[organization.slug]) in header


def test_someone_invited_sees_the_invitation(client_for, organization):
    person = UserFactory()
    invitation = InvitationFactory(organization=organization, email=person.email.upper())
    html = _html(client_for(person))
    assert f"Join {organization.name}" in html and invitation.get_absolute_url() in html


def test_facilitator_sees_applications_and_the_next_meeting(client_for):
    facilitation = FacilitatorFactory()
    GroupMembershipFactory(group=facilitation.group, status=GroupMembership.Status.APPLIED)
    MeetingFactory(group=facilitation.group, starts_at=timezone.now() + timedelta(days=30))
    html = _html(client_for(facilitation.user))
    assert f"Applications to {facilitation.group.title}" in html
    assert f"Next meeting of {facilitation.group.title}" in html


def test_researcher_sees_milestones_and_reports_due(client_for):
    researcher = UserFactory(groups=[ProgrammeRole.RESEARCHERS])
    placement = PlacementFactory(state=Placement.State.ACTIVE, researcher=researcher)
    MilestoneFactory(placement=placement, title="Baseline survey", due_date=timezone.localdate() + timedelta(days=5))
    ReportFactory(placement=placement, title="Months one to three", status=Report.Status.CHANGES_REQUESTED)
    html = _html(client_for(researcher))
    assert "Baseline survey" in html and "Months one to three" in html


def test_programme_staff_get_one_queue_with_counts(client_for, programme_staff):
    PlacementFactory(state=Placement.State.REQUESTED)
    PlacementFactory(state=Placement.State.REQUESTED)
    html = _html(client_for(programme_staff))
    queue = html[html.index("Waiting on the programme") :]
    assert "Placement requests to match" in queue and '<span class="badge">2</span>' in queue
    header = html[html.index("<header") : html.index("</header>")]
    assert reverse("progress:programme") in header and reverse("wagtailadmin_home") in header


def test_editor_finds_the_admin_and_learners_do_not(client_for, member):
    editor = UserFactory(groups=[ProgrammeRole.EDITORS])
    header = _html(client_for(editor)).split("</header>")[0]
    assert 'href="/admin/"' in header
    assert 'href="/admin/"' not in _html(client_for(member)).split("</header>")[0]


def test_the_header_has_a_search_box_and_the_persons_tools_on_every_page(client_for, member):
    html = client_for(member).get("/organizations/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert f'action="{reverse("search")}"' in header and 'name="q"' in header
    assert reverse("courses:learning") in header and reverse("advisors:consultations") in header


def test_japanese_dashboard_keeps_links_in_japanese(client_for, member):
    html = _html(client_for(member), "/ja/dashboard/")
    assert 'lang="ja"' in html
    tools = html[html.index('id="tools"') :]
    assert 'href="/ja/learning/"' in tools and 'href="/learning/"' not in tools


def _busy_person(size: int, person, organization, home_page, counter=[0]):  # noqa: B006 - unique slugs across calls
    """``size`` of everything a person can have waiting, in every role at once."""
    counter[0] += 1
    n = counter[0]
    now = timezone.now()
    index = CourseIndexPageFactory(parent=home_page, slug=f"courses-{n}")
    seminars = SeminarIndexPageFactory(parent=home_page, slug=f"seminars-{n}")
    advisor = person.advisor_profile
    for i in range(size):
        course = CoursePageFactory(parent=index, title=f"Course {n}-{i}")
        LessonPageFactory(parent=course)
        LessonPageFactory(parent=course)
        EnrollmentFactory(user=person, course=course)
        session = SeminarSessionFactory(
            seminar=SeminarPageFactory(parent=seminars), starts_at=now + timedelta(days=2 + i)
        )
        SeminarRegistrationFactory(user=person, session=session)
        learner = MembershipFactory(organization=organization).user
        ConsultationFactory(
            advisor=advisor,
            learner=learner,
            organization=organization,
            status=Consultation.Status.PENDING,
            start=now + timedelta(days=1, hours=i + 8 * n),  # no overlap with an earlier call's (PostgreSQL refuses it)
            end=now + timedelta(days=1, hours=i + 8 * n, minutes=30),
        )
        other = ConsultationFactory(
            learner=person,
            organization=organization,
            status=Consultation.Status.COMPLETED,
            start=now - timedelta(days=3, hours=i + 8 * n),
            end=now - timedelta(days=3, hours=i + 8 * n) + timedelta(minutes=30),
        )
        FollowUp.objects.create(consultation=other, description=f"Follow-up {i}")
        InvitationFactory(organization=organization)
        facilitation = FacilitatorFactory(user=person)
        GroupMembershipFactory(group=facilitation.group, status=GroupMembership.Status.APPLIED)
        MeetingFactory(group=facilitation.group, starts_at=now + timedelta(days=4 + i))
        placement = PlacementFactory(organization=organization, state=Placement.State.ACTIVE, researcher=person)
        MilestoneFactory(placement=placement, due_date=timezone.localdate() + timedelta(days=3))
        ReportFactory(placement=placement, status=Report.Status.SUBMITTED)
        PlacementFactory(state=Placement.State.REQUESTED)


def _count(client) -> list[str]:
    """The dashboard's queries, numbers masked, so two sizes can be compared (and a difference shown)."""
    client.get("/dashboard/")  # caches that every page shares (site root, outlines) are warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    return [re.sub(r"\d+", "N", query["sql"])[:160] for query in queries]


def test_the_dashboards_queries_stay_constant_whatever_the_number_of_items(client_for, home_page):
    organization = OrganizationFactory()
    person = UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF, ProgrammeRole.ADVISORS, ProgrammeRole.MODERATORS])
    MembershipFactory(user=person, organization=organization, role=Membership.Role.MANAGER)
    AdvisorProfileFactory(user=person)
    client = client_for(person)
    _busy_person(1, person, organization, home_page)
    small = _count(client)
    html = _html(client)
    _busy_person(5, person, organization, home_page)
    large = _count(client)
    extra = list((Counter(large) - Counter(small)).elements())
    missing = list((Counter(small) - Counter(large)).elements())
    assert len(large) == len(small), (
        f"{len(small)} queries with one of everything, {len(large)} with six; more: {extra}; fewer: {missing}"
    )
    bigger = _html(client)
    assert bigger.count("Follow-up") > html.count("Follow-up")
