"""Outreach requests: anyone signed in asks, staff assign an advisor, who confirms the visit and reports on it."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.locking import lock
from organizations.models import CapacityArea

from ..models import AdvisorProfile, OutreachRequest


@transaction.atomic
def outreach_request_create(
    *,
    by,
    requester_kind: str,
    requester_name: str,
    format: str,
    event_date: date,
    place: str,
    audience: str,
    theme: str,
    topic: CapacityArea | None = None,
) -> OutreachRequest:
    """Anyone signed in may ask; the request is theirs and waits for programme staff to assign an advisor."""
    return OutreachRequest.objects.create(
        requester=by,
        requester_kind=requester_kind,
        requester_name=requester_name.strip(),
        format=format,
        event_date=event_date,
        place=place.strip(),
        audience=audience.strip(),
        theme=theme.strip(),
        topic=topic,
    )


@transaction.atomic
def outreach_assign(*, request: OutreachRequest, advisor: AdvisorProfile, by) -> OutreachRequest:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff assign advisors."))
    request = lock(request)
    if request.status not in (OutreachRequest.Status.REQUESTED, OutreachRequest.Status.ASSIGNED):
        raise ServiceError(_("This request has already been confirmed."))
    request.advisor = advisor
    request.status = OutreachRequest.Status.ASSIGNED
    request.save(update_fields=["advisor", "status"])
    return request


@transaction.atomic
def outreach_confirm(*, request: OutreachRequest, by) -> OutreachRequest:
    request = lock(request)
    if request.advisor is None or request.advisor.user_id != by.pk:
        raise ServiceError(_("Only the assigned advisor can confirm."))
    if request.status != OutreachRequest.Status.ASSIGNED:
        raise ServiceError(_("This request is not waiting for your confirmation."))
    request.status = OutreachRequest.Status.CONFIRMED
    request.save(update_fields=["status"])
    return request


@transaction.atomic
def outreach_report(*, request: OutreachRequest, by, attendance: int, topics_raised: str) -> OutreachRequest:
    request = lock(request)
    if request.advisor is None or request.advisor.user_id != by.pk:
        raise ServiceError(_("Only the assigned advisor can report."))
    if request.status not in (OutreachRequest.Status.CONFIRMED, OutreachRequest.Status.REPORTED):
        raise ServiceError(_("Confirm the visit before reporting on it."))
    if request.event_date > timezone.localdate():
        raise ServiceError(_("You can report once the event has taken place."))
    request.attendance = attendance
    request.topics_raised = topics_raised.strip()
    request.status = OutreachRequest.Status.REPORTED
    request.reported_at = timezone.now()
    request.save(update_fields=["attendance", "topics_raised", "status", "reported_at"])
    return request
