"""Figures for the progress app: enrollments, completions and seminar attendance, aggregated in the database.

Each figure is defined here once; the dashboards ask for it rather than counting on their own.
"""

from django.db.models import Count, Q, QuerySet

from organizations.models import CapacityArea
from organizations.vocabulary import localize_name

from ..models import Enrollment, SeminarRegistration


def _period(qs, field: str, start=None, end=None):
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lt": end})
    return qs


def enrollments_for_user(user) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(user=user)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("course", "certificate")
        .order_by("-enrolled_at")
    )


def course_totals_for_organization(organization, *, start=None, end=None) -> dict:
    """Counts in one query: enrolled, completed (in the period) and valid certificates."""
    qs = Enrollment.objects.filter(organization=organization).exclude(status=Enrollment.Status.WITHDRAWN)
    enrolled = _in_period("enrolled_at", start, end)
    completed = Q(completed_at__isnull=False) & _in_period("completed_at", start, end)
    valid_certificate = Q(certificate__isnull=False, certificate__revoked_at__isnull=True)
    return qs.aggregate(
        enrollments=Count("id", filter=enrolled),
        learners=Count("user", filter=enrolled, distinct=True),
        completions=Count("id", filter=completed),
        certificates=Count("id", filter=completed & valid_certificate),
    )


def _in_period(field: str, start=None, end=None) -> Q:
    condition = Q(pk__isnull=False)  # always true, so an open period still gives a valid FILTER clause
    if start:
        condition &= Q(**{f"{field}__gte": start})
    if end:
        condition &= Q(**{f"{field}__lt": end})
    return condition


def completions_by_capacity_area(*, organization=None, start=None, end=None) -> list[dict]:
    """[{"slug", "name", "completions"}] aggregated in the database, for dashboards."""
    qs = Enrollment.objects.filter(completed_at__isnull=False)
    if organization is not None:
        qs = qs.filter(organization=organization)
    qs = _period(qs, "completed_at", start, end)
    rows = (
        qs.filter(course__capacity_areas__isnull=False)
        .values("course__capacity_areas__slug", "course__capacity_areas__name")
        .annotate(completions=Count("id"))
        .order_by("-completions", "course__capacity_areas__name")
    )
    return [
        {
            "slug": r["course__capacity_areas__slug"],
            "name": localize_name(CapacityArea, r["course__capacity_areas__name"]),
            "completions": r["completions"],
        }
        for r in rows
    ]


def completions_by_course(*, organization=None, start=None, end=None, where: Q | None = None) -> list[dict]:
    """[{"course_id", "title", "enrollments", "completions"}] in one query; ``where`` narrows the enrollments
    (the programme dashboard's region, field and capacity-area filters)."""
    qs = Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN)
    if organization is not None:
        qs = qs.filter(organization=organization)
    if where is not None:
        qs = qs.filter(where)
    qs = _period(qs, "enrolled_at", start, end)
    rows = (
        qs.values("course_id", "course__title")
        .annotate(enrollments=Count("id"), completions=Count("id", filter=Q(completed_at__isnull=False)))
        .order_by("course__title")
    )
    return [
        {
            "course_id": r["course_id"],
            "title": r["course__title"],
            "enrollments": r["enrollments"],
            "completions": r["completions"],
        }
        for r in rows
    ]


def seminar_registrations_for_user(user) -> QuerySet[SeminarRegistration]:
    return (
        SeminarRegistration.objects.filter(user=user)
        .exclude(status="cancelled")
        .select_related("session__seminar")
        .order_by("-session__starts_at")
    )


def seminar_totals_for_organization(organization, *, start=None, end=None) -> dict:
    """Registrations, confirmed seats, attendance and distinct attendees, in one query."""
    qs = _period(SeminarRegistration.objects.filter(organization=organization), "session__starts_at", start, end)
    row = qs.aggregate(
        n_registrations=Count("id", filter=~Q(status="cancelled")),
        n_confirmed=Count("id", filter=Q(status="confirmed")),
        n_waitlisted=Count("id", filter=Q(status="waitlisted")),
        n_attended=Count("id", filter=Q(attended=True)),
        n_attendees=Count("user", filter=Q(attended=True), distinct=True),
    )
    return {key.removeprefix("n_"): value for key, value in row.items()}
