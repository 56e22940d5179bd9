"""Generate programme-sized data with bulk inserts, to measure the dashboards (``load_scale_data``) and to pin
their query counts at two sizes in the tests.

Everything is written straight to the tables (no services, no signals): this is volume, not realism. Each run
adds a new batch under a fresh prefix, so it can be run again without clashing with earlier batches.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from advisors.models import AdvisorProfile, Booking, ConsultationRecord
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    SeminarIndexPage,
    SeminarPage,
    SeminarRegistration,
    SeminarSession,
)
from lms.fiscal import FISCAL_TZ, current_fiscal_year
from organizations.models import CapacityArea, FieldOfActivity, Membership, Organization, Region, User
from placements.models import Placement
from studygroups.models import GroupMembership, StudyGroup

from .models import Answer, Assessment, AssessmentResponse, Indicator

BATCH = 2000
PASSWORD = "scale-pass-2024"  # noqa: S105 -- generated test accounts only


@dataclass
class ScaleResult:
    prefix: str
    counts: dict = field(default_factory=dict)
    organizations: list = field(default_factory=list)


def _vocabulary(rng: random.Random) -> tuple[list, list, list]:
    areas = list(CapacityArea.objects.canonical())
    for index in range(len(areas), 6):
        areas.append(CapacityArea.objects.create(name=f"Scale area {index}", slug=f"scale-area-{index}"))
    regions = list(Region.objects.canonical())
    for index in range(len(regions), 5):
        regions.append(Region.objects.create(name=f"Scale region {index}", slug=f"scale-region-{index}"))
    fields = list(FieldOfActivity.objects.canonical())
    for index in range(len(fields), 4):
        fields.append(FieldOfActivity.objects.create(name=f"Scale field {index}", slug=f"scale-field-{index}"))
    return areas, regions, fields


def _site_root() -> Page:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def _index(model, title: str, slug: str):
    index = model.objects.first()
    if index is None:
        index = _site_root().add_child(instance=model(title=title, slug=slug))
    return index


def _moment(rng: random.Random, fy: int) -> datetime:
    """A random moment within fiscal year ``fy`` that is not in the future."""
    start = datetime(fy, 4, 1, 9, tzinfo=FISCAL_TZ)
    latest = min(datetime(fy + 1, 3, 31, 18, tzinfo=FISCAL_TZ), timezone.now() - timedelta(hours=1))
    span = max(int((latest - start).total_seconds()), 3600)
    return start + timedelta(seconds=rng.randrange(span))


@transaction.atomic
def generate(
    *,
    organizations: int = 20,
    learners: int = 200,
    courses: int = 5,
    seminars: int = 3,
    advisors: int = 3,
    study_groups: int = 3,
    first_organization_members: int = 0,
    seed: int = 2024,
    log=lambda line: None,
) -> ScaleResult:
    rng = random.Random(seed)
    batch = Organization.objects.filter(slug__startswith="scale-").count()
    prefix = f"scale-{batch}-{rng.randrange(10**6)}"
    result = ScaleResult(prefix=prefix)
    this_year = current_fiscal_year()
    years = [this_year - 2, this_year - 1, this_year]
    areas, regions, fields = _vocabulary(rng)

    orgs = Organization.objects.bulk_create(
        [
            Organization(name=f"Scale NGO {prefix} {i}", slug=f"{prefix}-org-{i}", region=rng.choice(regions))
            for i in range(organizations)
        ],
        batch_size=BATCH,
    )
    through = Organization.fields_of_activity.through
    through.objects.bulk_create(
        [through(organization_id=o.pk, fieldofactivity_id=f.pk) for o in orgs for f in rng.sample(fields, 2)],
        batch_size=BATCH,
    )
    result.organizations = orgs
    log(f"{len(orgs)} organizations")

    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix}-{i}@scale.example.org",
                first_name=f"Learner{i}",
                last_name=prefix,
                password=password,
            )
            for i in range(learners)
        ],
        batch_size=BATCH,
    )
    if not users or users[0].pk is None:  # backends that do not return ids from bulk inserts
        users = list(User.objects.filter(email__startswith=f"{prefix}-").order_by("pk"))
    org_of = {}
    memberships = []
    # The first organization can be made large (the 1,000-member NGO); the others share the rest.
    big = min(first_organization_members, len(users))
    rest = orgs[1:] if big and len(orgs) > 1 else orgs
    managed = set()
    for index, user in enumerate(users):
        organization = orgs[0] if index < big else rest[(index - big) % len(rest)]
        org_of[user.pk] = organization
        memberships.append(
            Membership(
                user=user,
                organization=organization,
                role=Membership.Role.MEMBER if organization.pk in managed else Membership.Role.MANAGER,
                joined_at=_moment(rng, rng.choice(years)),
            )
        )
        managed.add(organization.pk)
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    log(f"{len(users)} learners and memberships")

    # Courses and enrollments
    course_index = _index(CourseIndexPage, "Courses", "courses")
    course_pages = []
    for i in range(courses):
        page = course_index.add_child(
            instance=CoursePage(title=f"Course {prefix} {i}", slug=f"{prefix}-course-{i}", summary="Scale course.")
        )
        page.capacity_areas.set([rng.choice(areas)])
        course_pages.append(page)
    enrollments = []
    for user in users:
        for course in rng.sample(course_pages, min(len(course_pages), rng.randint(1, 3))):
            enrolled_at = _moment(rng, rng.choice(years))
            done = rng.random() < 0.5
            enrollments.append(
                Enrollment(
                    user=user,
                    course=course,
                    organization=org_of[user.pk],
                    enrolled_at=enrolled_at,
                    last_activity_at=enrolled_at + timedelta(days=3),
                    completed_at=enrolled_at + timedelta(days=20) if done else None,
                )
            )
    Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    log(f"{len(course_pages)} courses, {len(enrollments)} enrollments")

    # Seminars: one session per seminar per year, registrations with seats
    seminar_index = _index(SeminarIndexPage, "Seminars", "seminars")
    sessions = []
    for i in range(seminars):
        page = seminar_index.add_child(
            instance=SeminarPage(title=f"Seminar {prefix} {i}", slug=f"{prefix}-seminar-{i}", summary="Scale seminar.")
        )
        page.capacity_areas.set([rng.choice(areas)])
        for fy in years:
            starts = _moment(rng, fy)
            sessions.append(
                SeminarSession(
                    seminar=page,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=3),
                    venue="Scale hall",
                    capacity=max(30, learners // max(1, seminars)),
                    sort_order=fy,
                )
            )
    SeminarSession.objects.bulk_create(sessions, batch_size=BATCH)
    sessions = list(SeminarSession.objects.filter(seminar__slug__startswith=f"{prefix}-seminar-"))
    registrations, seats = [], {}
    for user in rng.sample(users, len(users) // 3):
        session = rng.choice(sessions)
        seat = seats.get(session.pk, 0) + 1
        if seat > session.capacity:
            continue
        seats[session.pk] = seat
        registrations.append(
            SeminarRegistration(
                session=session,
                user=user,
                organization=org_of[user.pk],
                status=SeminarRegistration.Status.CONFIRMED,
                seat=seat,
                confirmed_at=session.starts_at - timedelta(days=10),
                attended=rng.random() < 0.8 if session.starts_at < timezone.now() else None,
            )
        )
    SeminarRegistration.objects.bulk_create(registrations, batch_size=BATCH)
    log(f"{len(sessions)} seminar sessions, {len(registrations)} registrations")

    # Advisors and consultations: each learner at most one, each advisor's bookings an hour apart
    advisor_users = User.objects.bulk_create(
        [User(email=f"{prefix}-advisor-{i}@scale.example.org", password=password) for i in range(advisors)]
    )
    if advisor_users and advisor_users[0].pk is None:
        advisor_users = list(User.objects.filter(email__startswith=f"{prefix}-advisor-").order_by("pk"))
    profiles = AdvisorProfile.objects.bulk_create(
        [
            AdvisorProfile(user=u, slug=f"{prefix}-advisor-{i}", region=rng.choice(regions))
            for i, u in enumerate(advisor_users)
        ]
    )
    profiles = list(AdvisorProfile.objects.filter(slug__startswith=f"{prefix}-advisor-").order_by("pk"))
    expertise = AdvisorProfile.expertise.through
    expertise.objects.bulk_create(
        [expertise(advisorprofile_id=p.pk, capacityarea_id=rng.choice(areas).pk) for p in profiles]
    )
    bookings = []
    next_slot = {p.pk: datetime(years[0], 4, 1, 10, tzinfo=FISCAL_TZ) for p in profiles}
    for user in rng.sample(users, len(users) // 5) if profiles else []:
        advisor = rng.choice(profiles)
        start = next_slot[advisor.pk]
        if start >= timezone.now() - timedelta(hours=2):
            continue
        next_slot[advisor.pk] = start + timedelta(hours=rng.choice([1, 2, 5, 26]))
        bookings.append(
            Booking(
                advisor=advisor,
                learner=user,
                organization=org_of[user.pk],
                topic=rng.choice(areas),
                mode="online",
                question="Scale question.",
                start=start,
                end=start + timedelta(minutes=60),
                status=Booking.Status.COMPLETED,
            )
        )
    Booking.objects.bulk_create(bookings, batch_size=BATCH)
    held = list(Booking.objects.filter(advisor__slug__startswith=f"{prefix}-advisor-").values_list("pk", flat=True))
    ConsultationRecord.objects.bulk_create(
        [
            ConsultationRecord(booking_id=pk, outcome=rng.choice(ConsultationRecord.Outcome.values), summary="Done.")
            for pk in held[::2]
        ],
        batch_size=BATCH,
    )
    log(f"{len(profiles)} advisors, {len(bookings)} consultations")

    # Study groups: a few per year; some learners take part for their organization
    groups = StudyGroup.objects.bulk_create(
        [
            StudyGroup(
                title=f"Study group {prefix} {fy} {i}",
                slug=f"{prefix}-group-{fy}-{i}",
                theme="Scale theme",
                public_summary="Scale group.",
                fiscal_year=fy,
                lead_organization=rng.choice(orgs),
                status=StudyGroup.Status.ACTIVE,
            )
            for fy in years
            for i in range(study_groups)
        ]
    )
    groups = list(StudyGroup.objects.filter(slug__startswith=f"{prefix}-group-"))
    group_members = []
    for user in rng.sample(users, len(users) // 6) if groups else []:
        group = rng.choice(groups)
        group_members.append(
            GroupMembership(
                group=group,
                user=user,
                organization=org_of[user.pk],
                status=GroupMembership.Status.ACTIVE,
                created_at=_moment(rng, group.fiscal_year),
            )
        )
    GroupMembership.objects.bulk_create(group_members, batch_size=BATCH)
    log(f"{len(groups)} study groups, {len(group_members)} group members")

    # Placements for one organization in ten
    placements = []
    for organization in orgs[:: max(1, 10)]:
        fy = rng.choice(years)
        placements.append(
            Placement(
                organization=organization,
                capacity_area=rng.choice(areas),
                goals="Scale goals.",
                start_date=date(fy, 6, 1),
                end_date=date(fy, 12, 31),
                state=rng.choice([Placement.State.COMPLETED, Placement.State.ACTIVE, Placement.State.REQUESTED]),
            )
        )
    Placement.objects.bulk_create(placements, batch_size=BATCH)
    log(f"{len(placements)} placements")

    # Self-assessments: most organizations, last year and this year
    assessment = Assessment.objects.filter(is_open=True).first()
    if assessment is None:
        assessment = Assessment.objects.create(title="Scale assessment", slug=slugify(prefix), is_open=True)
        Indicator.objects.bulk_create(
            [
                Indicator(
                    assessment=assessment,
                    capacity_area=area,
                    text=f"Indicator {area.name}",
                    level_1="1",
                    level_2="2",
                    level_3="3",
                    level_4="4",
                    sort_order=i,
                )
                for i, area in enumerate(areas)
            ]
        )
    indicators = list(assessment.indicators.all())
    responses = []
    for index, organization in enumerate(orgs):
        if index % 5 == 4:
            continue
        for fy in years[-2:]:
            responses.append(
                AssessmentResponse(
                    organization=organization,
                    assessment=assessment,
                    fiscal_year=fy,
                    status=AssessmentResponse.Status.SUBMITTED,
                    submitted_at=_moment(rng, fy),
                )
            )
    AssessmentResponse.objects.bulk_create(responses, batch_size=BATCH)
    responses = list(
        AssessmentResponse.objects.filter(organization__slug__startswith=f"{prefix}-org-").values_list("pk", flat=True)
    )
    Answer.objects.bulk_create(
        [Answer(response_id=pk, indicator=i, score=rng.randint(1, 4)) for pk in responses for i in indicators],
        batch_size=BATCH,
    )
    log(f"{len(responses)} assessment responses")
    result.counts = {
        "organizations": len(orgs),
        "learners": len(users),
        "courses": len(course_pages),
        "enrollments": len(enrollments),
        "seminar_registrations": len(registrations),
        "consultations": len(bookings),
        "study_group_members": len(group_members),
        "placements": len(placements),
        "assessment_responses": len(responses),
    }
    return result


def measure(organization: Organization, *, log=print) -> list[tuple[str, int, float]]:
    """Time the dashboards at the current data size with the test client: (label, queries, seconds)."""
    import time

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from organizations.models import ProgrammeRole

    staff, _created = User.objects.get_or_create(email="scale-staff@scale.example.org")
    staff.groups.add(Group.objects.get_or_create(name=ProgrammeRole.PROGRAMME_STAFF)[0])
    manager = Membership.objects.filter(organization=organization, role=Membership.Role.MANAGER).first().user
    members = Membership.objects.filter(organization=organization).count()
    base = reverse("progress:organization", kwargs={"slug": organization.slug})
    pages = [
        (manager, f"organization dashboard ({members} members), this year", base),
        (manager, f"organization dashboard ({members} members), all years", base + "?fy=all"),
        (manager, "organization members export (XLSX)", base + "export/members.xlsx?fy=all"),
        (staff, "programme dashboard, this year", reverse("progress:programme")),
        (staff, "programme dashboard, all years", reverse("progress:programme") + "?fy=all"),
        (staff, "programme organizations, page 1", reverse("progress:programme_organizations")),
        (
            staff,
            "programme organizations export (CSV)",
            reverse("progress:programme_export", args=["organizations", "csv"]),
        ),
    ]
    results = []
    for user, label, url in pages:
        client = Client()
        client.force_login(user)
        client.get(url)  # warm up
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            response = client.get(url)
            elapsed = time.monotonic() - started
        results.append((label, len(queries), elapsed))
        log(f"{label}: HTTP {response.status_code}, {len(queries)} queries, {elapsed:.2f}s")
    return results
