"""Scale data for seminars and courses: course pages with enrollments, seminar sessions with registrations."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, Site

from lms.scale import BATCH, ScaleContext

from .models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    SeminarIndexPage,
    SeminarPage,
    SeminarRegistration,
    SeminarSession,
)


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


def generate(ctx: ScaleContext) -> None:
    rng, prefix, users = ctx.rng, ctx.prefix, ctx.users

    course_index = _index(CourseIndexPage, "Courses", "courses")
    course_pages = []
    for i in range(ctx.courses_count):
        page = course_index.add_child(
            instance=CoursePage(title=f"Course {prefix} {i}", slug=f"{prefix}-course-{i}", summary="Scale course.")
        )
        page.capacity_areas.set([rng.choice(ctx.capacity_areas)])
        course_pages.append(page)
    enrollments = []
    for user in users:
        for course in rng.sample(course_pages, min(len(course_pages), rng.randint(1, 3))):
            enrolled_at = ctx.moment(rng.choice(ctx.years))
            done = rng.random() < 0.5
            enrollments.append(
                Enrollment(
                    user=user,
                    course=course,
                    organization=ctx.organization_of[user.pk],
                    enrolled_at=enrolled_at,
                    last_activity_at=enrolled_at + timedelta(days=3),
                    completed_at=enrolled_at + timedelta(days=20) if done else None,
                )
            )
    Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    ctx.log(f"{len(course_pages)} courses, {len(enrollments)} enrollments")

    # One session per seminar per year, registrations with seats
    seminar_index = _index(SeminarIndexPage, "Seminars", "seminars")
    sessions = []
    for i in range(ctx.seminars_count):
        page = seminar_index.add_child(
            instance=SeminarPage(title=f"Seminar {prefix} {i}", slug=f"{prefix}-seminar-{i}", summary="Scale seminar.")
        )
        page.capacity_areas.set([rng.choice(ctx.capacity_areas)])
        for fy in ctx.years:
            starts = ctx.moment(fy)
            sessions.append(
                SeminarSession(
                    seminar=page,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=3),
                    venue="Scale hall",
                    capacity=max(30, ctx.learners_count // max(1, ctx.seminars_count)),
                    sort_order=fy,
                )
            )
    SeminarSession.objects.bulk_create(sessions, batch_size=BATCH)
    sessions = list(SeminarSession.objects.filter(seminar__slug__startswith=f"{prefix}-seminar-").order_by("pk"))
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
                organization=ctx.organization_of[user.pk],
                status=SeminarRegistration.Status.CONFIRMED,
                seat=seat,
                confirmed_at=session.starts_at - timedelta(days=10),
                attended=rng.random() < 0.8 if session.starts_at < timezone.now() else None,
            )
        )
    SeminarRegistration.objects.bulk_create(registrations, batch_size=BATCH)
    ctx.log(f"{len(sessions)} seminar sessions, {len(registrations)} registrations")
    ctx.counts.update(courses=len(course_pages), enrollments=len(enrollments), seminar_registrations=len(registrations))
