"""What the schemes record, per organization: each section reads one app, through its selectors where one
fits, otherwise its models read-only, always aggregated in the database."""

from types import SimpleNamespace

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from advisors.models import Consultation, ConsultationRecord, FollowUp
from courses import selectors as course_selectors
from courses.models import CoursePage, Enrollment, SeminarRegistration
from lms.figures import Table
from lms.fiscal import (
    fiscal_year_bounds,
    fiscal_year_dates,
    fiscal_year_label,
)
from lms.translations import translated_titles
from organizations.models import CapacityArea, Organization, User
from organizations.vocabulary import localize_name
from placements.models import Placement, Report
from studygroups.models import GroupMembership, StudyGroup

from .common import in_year, per_fiscal_year

# Courses and seminars (courses app) ---------------------------------------------------------------


def period_bounds(fy: int | None) -> dict:
    if fy is None:
        return {"start": None, "end": None}
    start, end = fiscal_year_bounds(fy)
    return {"start": start, "end": end}


def course_url_paths(course_ids) -> dict[int, str]:
    """url_path per course id in exactly one query: the id 0 never matches but keeps the query from being skipped
    when there are no ids, so the page's query count does not depend on the data."""
    return dict(CoursePage.objects.filter(pk__in=[0, *course_ids]).values_list("pk", "url_path"))


def page_url(url_path: str | None, site_paths=None) -> str | None:
    """A page's public URL from its url_path, read in the same query as the figures (no query per page).
    Pass the same ``site_paths()`` for every link of a table: Wagtail keeps the site root paths on it
    instead of reading them from the cache once per link."""
    return Page(url_path=url_path).get_url(request=site_paths) if url_path else None


def site_paths() -> SimpleNamespace:
    """Something for Wagtail to keep site root paths on; with no site of its own, like ``Page.url``."""
    return SimpleNamespace(_wagtail_site=None)


def course_tables(organization: Organization, fy: int | None, member: User | None) -> dict:
    """Enrollments and completions per course and per capacity area. The courses app's selectors do this per
    organization; with a member filter the same aggregation runs on that member's enrollments here."""
    period = period_bounds(fy)
    if member is None:
        totals = course_selectors.course_totals_for_organization(organization, **period)
        by_course = course_selectors.completions_by_course(organization=organization, **period)
        by_area = course_selectors.completions_by_capacity_area(organization=organization, **period)
    else:
        enrollments = Enrollment.objects.filter(organization=organization, user=member).exclude(
            status=Enrollment.Status.WITHDRAWN
        )
        enrolled = enrollments.filter(in_year("enrolled_at", fy))
        completed = enrollments.filter(completed_at__isnull=False).filter(in_year("completed_at", fy))
        totals = {
            "enrollments": enrolled.count(),
            "learners": 1 if enrolled.exists() else 0,
            "completions": completed.count(),
            "certificates": completed.filter(certificate__isnull=False, certificate__revoked_at__isnull=True).count(),
        }
        by_course = [
            {"course_id": r["course_id"], "title": r["course__title"], **r}
            for r in enrolled.values("course_id", "course__title")
            .annotate(enrollments=Count("pk"), completions=Count("pk", filter=Q(completed_at__isnull=False)))
            .order_by("course__title")
        ]
        by_area = [
            {"name": localize_name(CapacityArea, r["course__capacity_areas__name"]), "completions": r["completions"]}
            for r in completed.filter(course__capacity_areas__isnull=False)
            .values("course__capacity_areas__name")
            .annotate(completions=Count("pk"))
            .order_by("-completions", "course__capacity_areas__name")
        ]
    urls = course_url_paths(row["course_id"] for row in by_course)
    titles = translated_titles()
    paths = site_paths()
    courses = Table(
        key="courses",
        caption=_("Enrollments and completions per course"),
        columns=[_("Course"), _("Enrollments"), _("Completions"), _("Completion rate (%)")],
        empty=_("No course enrollments in this period."),
    )
    for row in by_course:
        rate = round(100 * row["completions"] / row["enrollments"]) if row["enrollments"] else 0
        courses.rows.append([titles.get(row["course_id"], row["title"]), row["enrollments"], row["completions"], rate])
        courses.links.append(page_url(urls.get(row["course_id"]), paths))
    areas = Table(
        key="course_areas",
        caption=_("Course completions per capacity area"),
        columns=[_("Capacity area"), _("Completions")],
        rows=[[row["name"], row["completions"]] for row in by_area],
        empty=_("No course completed in this period."),
    )
    return {"totals": totals, "courses": courses, "areas": areas}


def seminar_tables(organization: Organization, fy: int | None, member: User | None) -> dict:
    registrations = SeminarRegistration.objects.filter(organization=organization).filter(
        in_year("session__starts_at", fy)
    )
    if member is not None:
        registrations = registrations.filter(user=member)
    if member is None:
        totals = course_selectors.seminar_totals_for_organization(organization, **period_bounds(fy))
    else:
        # The same figures for one member (the courses selector counts a whole organization).
        row = registrations.aggregate(
            n_registrations=Count("pk", filter=~Q(status=SeminarRegistration.Status.CANCELLED)),
            n_confirmed=Count("pk", filter=Q(status=SeminarRegistration.Status.CONFIRMED)),
            n_waitlisted=Count("pk", filter=Q(status=SeminarRegistration.Status.WAITLISTED)),
            n_attended=Count("pk", filter=Q(attended=True)),
            n_attendees=Count("user", filter=Q(attended=True), distinct=True),
        )
        totals = {key.removeprefix("n_"): value for key, value in row.items()}
    rows = (
        registrations.exclude(status=SeminarRegistration.Status.CANCELLED)
        .values("session__seminar_id", "session__seminar__url_path", "session__seminar__title", "session__starts_at")
        .annotate(
            registered=Count("pk"),
            confirmed=Count("pk", filter=Q(status=SeminarRegistration.Status.CONFIRMED)),
            present=Count("pk", filter=Q(attended=True)),
        )
        .order_by("-session__starts_at")
    )
    table = Table(
        key="seminars",
        caption=_("Seminar registrations and attendance"),
        columns=[_("Seminar"), _("Session"), _("Registered"), _("Confirmed"), _("Attended")],
        empty=_("No seminar registrations in this period."),
    )
    titles = translated_titles()
    paths = site_paths()
    for row in rows:
        table.rows.append(
            [
                titles.get(row["session__seminar_id"], row["session__seminar__title"]),
                timezone.localtime(row["session__starts_at"]).date(),
                row["registered"],
                row["confirmed"],
                row["present"],
            ]
        )
        table.links.append(page_url(row["session__seminar__url_path"], paths))
    return {"totals": totals, "seminars": table}


def completions_by_year(enrollment_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(Enrollment.objects.filter(enrollment_filter), "completed_at", years)


def seminar_attendance_by_year(registration_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(
        SeminarRegistration.objects.filter(registration_filter, attended=True), "session__starts_at", years
    )


# Study groups (studygroups app) -------------------------------------------------------------------


def study_group_table(organization: Organization, fy: int | None, member: User | None) -> Table:
    memberships = GroupMembership.objects.filter(organization=organization, status=GroupMembership.Status.ACTIVE)
    if fy is not None:
        memberships = memberships.filter(group__fiscal_year=fy)
    if member is not None:
        memberships = memberships.filter(user=member)
    rows = (
        memberships.values("group__slug", "group__title", "group__fiscal_year", "group__status")
        .annotate(members=Count("user", distinct=True))
        .order_by("-group__fiscal_year", "group__title")
    )
    statuses = dict(StudyGroup.Status.choices)
    table = Table(
        key="study_groups",
        caption=_("Study group participation"),
        columns=[_("Study group"), _("Fiscal year"), _("Status"), _("Staff taking part")],
        empty=_("No one from the organization is in a study group in this period."),
    )
    for row in rows:
        table.rows.append(
            [
                row["group__title"],
                fiscal_year_label(row["group__fiscal_year"]),
                statuses.get(row["group__status"], row["group__status"]),
                row["members"],
            ]
        )
        table.links.append(reverse("studygroups:detail", kwargs={"slug": row["group__slug"]}))
    return table


def study_group_members_by_year(organization_filter: Q, years: list[int]) -> dict[int, int]:
    rows = (
        GroupMembership.objects.filter(organization_filter, status=GroupMembership.Status.ACTIVE)
        .filter(group__fiscal_year__in=years)
        .values("group__fiscal_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["group__fiscal_year"]: row["n"] for row in rows}


# Consultations (advisors app) ---------------------------------------------------------------------


def consultation_tables(organization: Organization, fy: int | None, member: User | None) -> dict:
    """By topic, by outcome and open follow-ups, like advisors.selectors.organization_consultation_stats,
    but for one fiscal year and optionally one member (that selector has neither filter)."""
    consultations = (
        Consultation.objects.filter(organization=organization)
        .exclude(status__in=Consultation.INACTIVE)
        .filter(in_year("start", fy))
    )
    if member is not None:
        consultations = consultations.filter(learner=member)
    by_topic = Table(
        key="consultations",
        caption=_("Consultations by topic"),
        columns=[_("Topic"), _("Booked"), _("Held")],
        empty=_("No consultations in this period."),
    )
    for row in (
        consultations.order_by()
        .values("topic__name")
        .annotate(total=Count("pk"), held=Count("pk", filter=Q(status=Consultation.Status.COMPLETED)))
        .order_by("-total", "topic__name")
    ):
        by_topic.rows.append([localize_name(CapacityArea, row["topic__name"]), row["total"], row["held"]])
    outcome_counts = {
        row["outcome"]: row["n"]
        for row in ConsultationRecord.objects.filter(consultation__in=consultations.values("pk"))
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    }
    by_outcome = Table(
        key="outcomes",
        caption=_("Consultation outcomes"),
        columns=[_("Outcome"), _("Consultations")],
        rows=[[label, outcome_counts.get(value, 0)] for value, label in ConsultationRecord.Outcome.choices],
    )
    open_follow_ups = FollowUp.objects.filter(consultation__in=consultations.values("pk"), done=False).count()
    return {"by_topic": by_topic, "by_outcome": by_outcome, "open_follow_ups": open_follow_ups}


def consultations_by_year(consultation_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(
        Consultation.objects.filter(consultation_filter, status=Consultation.Status.COMPLETED), "start", years
    )


# Researcher placements (placements app) -----------------------------------------------------------


def placement_table(organization: Organization, fy: int | None) -> Table:
    # Not placements.selectors.placements_for_organization: its prefetch of reports runs only when there are
    # placements, so the page's query count would depend on the data; a count of shared reports is enough here.
    placements = (
        Placement.objects.filter(organization=organization)
        .select_related("capacity_area", "researcher")
        .annotate(shared_reports=Count("reports", filter=~Q(reports__status=Report.Status.DRAFT)))
        .order_by("-start_date")
    )
    if fy is not None:
        start, end = fiscal_year_dates(fy)
        placements = placements.filter(start_date__lte=end, end_date__gte=start)
    table = Table(
        key="placements",
        caption=_("Researcher placements"),
        columns=[_("Field"), _("Researcher"), _("Start"), _("End"), _("State"), _("Reports shared")],
        empty=_("No researcher placement in this period."),
    )
    for placement in placements:
        table.rows.append(
            [
                str(placement.capacity_area),
                str(placement.researcher or _("Not matched yet")),
                placement.start_date,
                placement.end_date,
                placement.get_state_display(),
                placement.shared_reports,
            ]
        )
        table.links.append(placement.get_absolute_url())
    return table
