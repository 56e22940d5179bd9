"""Courses on the progress dashboards: enrollments and completions, counted for the learner's organization."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import batch, figures, timeline
from lms.figures import Event
from lms.measures import Measure, Period, Scope, Table
from lms.pages import public_q
from lms.translations import active_locale_id, translated_titles
from organizations.models import CapacityArea
from organizations.vocabulary import localize_name

from ..models import CoursePage, Enrollment
from ..selectors import enrollments_for_user, lesson_counts
from .links import page_url, site_paths

STARTED = ~Q(status=Enrollment.Status.WITHDRAWN)
COMPLETED = Q(completed_at__isnull=False)

ENROLLMENTS = Measure(
    name="enrollments",
    label=gettext_lazy("Courses started"),
    member_label=gettext_lazy("Courses started"),
    records=lambda: Enrollment.objects.filter(STARTED),
    when="enrolled_at",
    area="course__capacity_areas",
    page="course_id",
    doc="Enrollments in a course, dated when the learner enrolled; withdrawn enrollments are not counted.",
)
COMPLETIONS = Measure(
    name="completions",
    label=gettext_lazy("Course completions"),
    member_label=gettext_lazy("Courses completed"),
    records=lambda: Enrollment.objects.filter(STARTED, COMPLETED),
    when="completed_at",
    area="course__capacity_areas",
    page="course_id",
    doc="Courses completed, dated when the learner finished the course; withdrawn enrollments are not counted.",
)


def member_enrollments(user, organization_id: int | None = None) -> list[Enrollment]:
    """The member's enrollments (for this organization, if given) with lessons done and lessons in the course."""
    return _member_enrollments(user, organization_id).value()


def _member_enrollments(user, organization_id: int | None = None) -> batch.Later[list[Enrollment]]:
    enrollments = enrollments_for_user(user).annotate(lessons_done=Count("completions"))
    if organization_id is not None:
        enrollments = enrollments.filter(organization_id=organization_id)
    enrollments = enrollments[:100]
    return batch.Later(lambda: _with_percent(list(enrollments)), [enrollments])


def _with_percent(enrollments: list[Enrollment]) -> list[Enrollment]:
    totals = lesson_counts([enrollment.course for enrollment in enrollments])
    for enrollment in enrollments:
        total = totals.get(enrollment.course_id, 0)
        enrollment.lesson_total = total
        done = 100 if enrollment.completed_at else (round(100 * enrollment.lessons_done / total) if total else 0)
        enrollment.percent = min(100, done)
    return enrollments


def _per_course(scope: Scope, period: Period) -> QuerySet:
    """Enrollments in the period per course, with how many of them are completed (at any time)."""
    return (
        ENROLLMENTS.queryset(scope, period)
        .values("course_id", "course__title", "course__url_path")
        .annotate(enrollments=Count("pk"), completions=Count("pk", filter=COMPLETED))
        .order_by("course__title")
    )


def _fill_rates(table: Table, rows: QuerySet, titles: dict[int, str]) -> Table:
    paths = site_paths()
    for row in rows:
        rate = round(100 * row["completions"] / row["enrollments"]) if row["enrollments"] else 0
        title = titles.get(row["course_id"], row["course__title"])
        table.rows.append([title, row["enrollments"], row["completions"], rate])
        table.links.append(page_url(row["course__url_path"], paths))
    return table


class CoursesProvider(figures.Provider):
    """Courses started (``enrollments``) and completed (``completions``): see each measure's ``doc``."""

    key = "courses"
    label = gettext_lazy("Courses")
    order = 10
    measures = (ENROLLMENTS, COMPLETIONS)
    headline = "completions"
    organization_table_keys = ("courses", "course_areas")
    programme_table_keys = ("course_rates",)
    counted = {
        "courses.Enrollment": lambda r: r.organization_id,
        "courses.Certificate": lambda r: r.enrollment.organization_id,
    }

    def organization_figures_later(self, scope: Scope, period: Period) -> batch.Later[dict]:
        """Enrollments, learners enrolling, completions and valid certificates of completions, in one query."""
        enrolled = ENROLLMENTS.in_period(period)
        completed = COMPLETED & COMPLETIONS.in_period(period)
        valid_certificate = Q(certificate__isnull=False, certificate__revoked_at__isnull=True)
        totals = batch.aggregate(
            ENROLLMENTS.queryset(scope),
            enrollments=Count("pk", filter=enrolled),
            learners=Count("user", filter=enrolled, distinct=True),
            completions=Count("pk", filter=completed),
            certificates=Count("pk", filter=completed & valid_certificate),
        )
        return batch.Later(lambda: {"courses": batch.aggregated(totals)}, [totals])

    def organization_tables_later(self, scope: Scope, period: Period) -> batch.Later[dict[str, Table]]:
        per_course = _per_course(scope, period)
        by_area = (
            COMPLETIONS.queryset(scope, period)
            .filter(course__capacity_areas__isnull=False)
            .values("course__capacity_areas__name")
            .annotate(completions=Count("pk"))
            .order_by("-completions", "course__capacity_areas__name")
        )
        return batch.Later(lambda: self._organization_tables(per_course, by_area), [per_course, by_area])

    def _organization_tables(self, per_course: QuerySet, by_area: QuerySet) -> dict[str, Table]:
        courses = Table(
            key="courses",
            caption=_("Enrollments and completions per course"),
            columns=[_("Course"), _("Enrollments"), _("Completions"), _("Completion rate (%)")],
            empty=_("No course enrollments in this period."),
        )
        _fill_rates(courses, per_course, translated_titles())
        areas = Table(
            key="course_areas",
            caption=_("Course completions per capacity area"),
            columns=[_("Capacity area"), _("Completions")],
            rows=[
                [localize_name(CapacityArea, row["course__capacity_areas__name"]), row["completions"]]
                for row in by_area
            ],
            empty=_("No course completed in this period."),
        )
        return {"courses": courses, "course_areas": areas}

    def programme_tables(self, scope: Scope, period: Period) -> dict[str, Table]:
        table = Table(
            key="course_rates",
            caption=_("Completion rate per course"),
            columns=[_("Course"), _("Enrollments"), _("Completions"), _("Completion rate (%)")],
            empty=_("No enrollments in this period."),
        )
        # Titles as recorded, as this table has always shown them.
        return {"course_rates": _fill_rates(table, _per_course(scope, period), {})}

    def timeline_rows(self, scope: Scope, period: Period):
        return timeline.columns(
            COMPLETIONS.queryset(scope, period),
            when="completed_at",
            person="user",
            subject_id="course_id",
            subject="course__title",
            path="course__url_path",
        )

    def timeline_events(self, rows: list[timeline.Row]) -> list[Event]:
        titles, paths = translated_titles(), site_paths()
        return [
            Event(
                when=row.when,
                kind=_("Course"),
                text=_("%(name)s completed %(course)s")
                % {"name": row.person, "course": titles.get(row.subject_id, row.subject)},
                url=page_url(row.path, paths) or "",
            )
            for row in rows
        ]

    def recommendations_later(self, area_ids: list[int], limit: int) -> batch.Later[dict[str, list]]:
        """Live public courses in these areas, in the viewer's language."""
        courses = (
            CoursePage.objects.live()
            .filter(public_q(), locale_id=active_locale_id(), capacity_areas__in=area_ids)
            .distinct()
            .order_by("title")[:limit]
        )
        return batch.lists(courses=courses)

    def member_records(self, user, organization_id: int | None) -> dict[str, list]:
        return {"enrollments": member_enrollments(user, organization_id)}

    def learner_figures_later(self, user) -> batch.Later[dict]:
        return batch.gather([_member_enrollments(user)], lambda values: {"enrollments": values[0]})
