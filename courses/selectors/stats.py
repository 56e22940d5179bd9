"""A learner's own enrollments and seminar registrations (the progress figures are in courses.progress)."""

from django.db.models import QuerySet

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


def seminar_registrations_for_user(user) -> QuerySet[SeminarRegistration]:
    return (
        SeminarRegistration.objects.filter(user=user)
        .exclude(status="cancelled")
        .select_related("session__seminar")
        .order_by("-session__starts_at")
    )
