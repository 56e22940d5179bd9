"""What consultations came to, per organization: for the progress app and the organization's managers.

Aggregates are computed in the database; only the shared summary is read, never the private notes.
"""

from django.db.models import QuerySet

from organizations.models import Membership

from ..models import Consultation


def managed_organization_outcomes(user) -> QuerySet[Consultation]:
    """Shared outcomes of the organizations ``user`` manages (their own consultations excluded)."""
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("organization_id")
    return (
        Consultation.objects.filter(organization__in=managed, status=Consultation.Status.COMPLETED)
        .exclude(learner=user)
        .select_related("advisor__user", "learner", "organization", "topic", "record")
        .order_by("-start")
    )
