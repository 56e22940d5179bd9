"""What consultations came to, per organization: for the progress app and the organization's managers.

Aggregates are computed in the database; only the shared summary is read, never the private notes.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from organizations.models import Membership

from ..models import Booking, ConsultationRecord, FollowUp


def organization_consultation_stats(organization) -> dict:
    """Consultations of one organization by topic and outcome, and open follow-ups; three queries."""
    bookings = Booking.objects.filter(organization=organization).exclude(status__in=Booking.INACTIVE).order_by()
    by_topic = list(
        bookings.values("topic__slug", "topic__name")
        .annotate(total=Count("pk"), held=Count("pk", filter=Q(status=Booking.Status.COMPLETED)))
        .order_by("-total", "topic__name")
    )
    by_outcome = {
        row["outcome"]: row["total"]
        for row in ConsultationRecord.objects.filter(booking__organization=organization)
        .values("outcome")
        .annotate(total=Count("pk"))
        .order_by()
    }
    open_follow_ups = FollowUp.objects.filter(booking__organization=organization, done=False).count()
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
        Booking.objects.filter(organization=organization, status=Booking.Status.COMPLETED)
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(total=Count("pk"))
        .order_by("month")
    )


def organization_shared_outcomes(organization) -> QuerySet[Booking]:
    """Completed consultations with their shared summaries (never the private notes)."""
    return (
        Booking.objects.filter(organization=organization, status=Booking.Status.COMPLETED)
        .select_related("advisor__user", "learner", "topic", "record")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("done", "due_date")))
        .order_by("-start")
    )


def managed_organization_outcomes(user) -> QuerySet[Booking]:
    """Shared outcomes of the organizations ``user`` manages (their own bookings excluded)."""
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("organization_id")
    return (
        Booking.objects.filter(organization__in=managed, status=Booking.Status.COMPLETED)
        .exclude(learner=user)
        .select_related("advisor__user", "learner", "organization", "topic", "record")
        .order_by("-start")
    )
