"""What consultations came to, per organization: for the progress app and the organization's managers.

Aggregates are computed in the database; only the shared summary is read, never the private notes.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from organizations.models import Membership

from ..models import Consultation, ConsultationRecord, FollowUp


def organization_consultation_stats(organization) -> dict:
    """Consultations of one organization by topic and outcome, and open follow-ups; three queries."""
    consultations = (
        Consultation.objects.filter(organization=organization).exclude(status__in=Consultation.INACTIVE).order_by()
    )
    by_topic = list(
        consultations.values("topic__slug", "topic__name")
        .annotate(total=Count("pk"), held=Count("pk", filter=Q(status=Consultation.Status.COMPLETED)))
        .order_by("-total", "topic__name")
    )
    by_outcome = {
        row["outcome"]: row["total"]
        for row in ConsultationRecord.objects.filter(consultation__organization=organization)
        .values("outcome")
        .annotate(total=Count("pk"))
        .order_by()
    }
    open_follow_ups = FollowUp.objects.filter(consultation__organization=organization, done=False).count()
    return {
        "by_topic": by_topic,
        "by_outcome": [
            {"outcome": value, "label": label, "total": by_outcome.get(value, 0)}
            for value, label in ConsultationRecord.Outcome.choices
        ],
        "total": sum(row["total"] for row in by_topic),
        "held": sum(row["held"] for row in by_topic),
        "open_follow_ups": open_follow_ups,
    }


def organization_consultations_by_month(organization) -> list[dict]:
    """Held consultations per month for trend charts."""
    return list(
        Consultation.objects.filter(organization=organization, status=Consultation.Status.COMPLETED)
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(total=Count("pk"))
        .order_by("month")
    )


def organization_shared_outcomes(organization) -> QuerySet[Consultation]:
    """Completed consultations with their shared summaries (never the private notes)."""
    return (
        Consultation.objects.filter(organization=organization, status=Consultation.Status.COMPLETED)
        .select_related("advisor__user", "learner", "topic", "record")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("done", "due_date")))
        .order_by("-start")
    )


def managed_organization_outcomes(user) -> QuerySet[Consultation]:
    """Shared outcomes of the organizations ``user`` manages (their own consultations excluded)."""
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("organization_id")
    return (
        Consultation.objects.filter(organization__in=managed, status=Consultation.Status.COMPLETED)
        .exclude(learner=user)
        .select_related("advisor__user", "learner", "organization", "topic", "record")
        .order_by("-start")
    )
