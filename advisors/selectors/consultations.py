"""Consultations as their people see them, with relations fetched up front.

Access is by relationship: the learner who booked, the advisor, programme staff;
managers of the consultation's organization see the shared outcome only. Anything else
is a 404.
"""

from datetime import timedelta

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lms.home import once
from organizations.models import Membership

from ..models import AdvisorProfile, Consultation, FollowUp, OutreachRequest

CONSULTATION_RELATED = ("advisor__user", "advisor__region", "learner", "organization", "topic")


def _consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related(*CONSULTATION_RELATED, "record", "feedback")


def consultation_for_viewer(user, pk: int) -> tuple[Consultation, str]:
    """The consultation and the viewer's relation to it: learner, advisor, staff or manager; 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    consultation = get_object_or_404(_consultations().prefetch_related("follow_ups"), pk=pk)
    if consultation.advisor.user_id == user.pk:
        return consultation, "advisor"
    if consultation.learner_id == user.pk:
        return consultation, "learner"
    if user.is_programme_staff:
        return consultation, "staff"
    is_manager = Membership.objects.filter(
        user=user, organization_id=consultation.organization_id, role=Membership.Role.MANAGER
    ).exists()
    if is_manager and consultation.status == Consultation.Status.COMPLETED:
        return consultation, "manager"
    raise Http404


def followed_up_consultation(learner, value: str | None) -> Consultation | None:
    """The learner's own earlier consultation that a new one follows up, from the form's id; None otherwise."""
    if not (value or "").isdigit():
        return None
    return Consultation.objects.filter(pk=int(value), learner=learner).first()


def learner_dashboard(user) -> dict:
    """Everything a learner sees on /consultations/, in three queries."""
    now = timezone.now()
    consultations = list(_consultations().filter(learner=user).order_by("start"))
    follow_ups = list(
        FollowUp.objects.filter(consultation__learner=user, done=False).select_related("consultation__advisor__user")
    )
    upcoming = [b for b in consultations if b.is_open and b.end > now]
    past = [b for b in reversed(consultations) if not (b.is_open and b.end > now)]
    return {"upcoming": upcoming, "past": past, "follow_ups": follow_ups}


def learner_upcoming(user, limit: int = 5) -> list[Consultation]:
    """A learner's next consultations, for pages outside this app (e.g. /learning/)."""
    if not user.is_authenticated:
        return []
    return list(
        _consultations()
        .filter(learner=user, status__in=Consultation.OPEN, end__gt=timezone.now())
        .order_by("start")[:limit]
    )


def advisor_dashboard(advisor: AdvisorProfile) -> dict:
    """The advisor's queue, schedule, records to write and statistics, in a fixed number of queries."""
    now = timezone.now()
    open_consultations = list(_consultations().filter(advisor=advisor, status__in=Consultation.OPEN).order_by("start"))
    requests = [b for b in open_consultations if b.status == Consultation.Status.PENDING and b.start > now]
    upcoming = [b for b in open_consultations if b.status == Consultation.Status.CONFIRMED and b.end > now]
    awaiting_record = [b for b in open_consultations if b.status == Consultation.Status.CONFIRMED and b.start <= now]
    history = list(
        _consultations()
        .filter(advisor=advisor)
        .filter(
            Q(status__in=[Consultation.Status.COMPLETED, Consultation.Status.NO_SHOW, *Consultation.INACTIVE])
            | Q(status=Consultation.Status.PENDING, start__lte=now)
        )
        .order_by("-start")[:50]
    )
    stats = Consultation.objects.filter(advisor=advisor).aggregate(
        total=Count("pk"),
        completed=Count("pk", filter=Q(status=Consultation.Status.COMPLETED)),
        no_shows=Count("pk", filter=Q(status=Consultation.Status.NO_SHOW)),
        cancelled=Count("pk", filter=Q(status=Consultation.Status.CANCELLED)),
        average_rating=Avg("feedback__rating"),
        ratings=Count("feedback"),
    )
    outreach = list(
        OutreachRequest.objects.filter(advisor=advisor)
        .exclude(status=OutreachRequest.Status.CANCELLED)
        .select_related("topic")
    )
    return {
        "requests": requests,
        "upcoming": upcoming,
        "awaiting_record": awaiting_record,
        "history": history,
        "stats": stats,
        "outreach": outreach,
    }


def recently_cancelled_window():
    return timezone.now() - timedelta(days=30)


def calendar_consultations(user) -> list[Consultation]:
    """``feed_consultations`` with each one's feedback, once per request: the personal home's calendar and
    its feedback reminders read the same consultations."""
    return once(user, "consultations", lambda: list(feed_consultations(user).select_related("feedback")))


def feed_consultations(user) -> QuerySet[Consultation]:
    """Consultations for a user's calendar feed: their own and, for advisors, their consultations."""
    recent = recently_cancelled_window()
    return (
        Consultation.objects.select_related("advisor__user", "learner", "topic")
        .filter(Q(learner=user) | Q(advisor__user=user))
        .filter(Q(status__in=[*Consultation.OPEN, Consultation.Status.COMPLETED]) | Q(updated_at__gte=recent))
        .filter(end__gte=timezone.now() - timedelta(days=180))
        .order_by("start")
    )
