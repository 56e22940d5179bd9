"""The work plan: milestones planned while a placement is approved or active, and reminders before they fall due."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.email import EmailKind, absolute_url, send_templated_email
from lms.errors import ServiceError

from .. import selectors
from ..models import Milestone, Placement


def _require_planner(placement: Placement, by) -> None:
    access = selectors.access_for(by, placement)
    if not access.roles:
        raise ServiceError(_("Only the researcher, the host's managers and programme staff can plan milestones."))
    if not access.can_plan:
        raise ServiceError(_("Milestones can be changed only while the placement is approved or active."))


@transaction.atomic
def milestone_create(*, placement: Placement, by, title: str, due_date: date, description: str = "") -> Milestone:
    _require_planner(placement, by)
    if not title.strip():
        raise ServiceError(_("Give the milestone a title."))
    if not placement.start_date <= due_date <= placement.end_date:
        raise ServiceError(_("The due date must fall within the placement's period."))
    return Milestone.objects.create(
        placement=placement, title=title.strip(), description=description.strip(), due_date=due_date, created_by=by
    )


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, by, title: str, due_date: date, status: str, description: str = ""
) -> Milestone:
    placement = milestone.placement
    _require_planner(placement, by)
    if not placement.start_date <= due_date <= placement.end_date:
        raise ServiceError(_("The due date must fall within the placement's period."))
    if due_date != milestone.due_date:
        milestone.reminder_sent_at = None
    milestone.title, milestone.description, milestone.due_date = title.strip(), description.strip(), due_date
    if status != milestone.status:
        milestone.completed_at = timezone.now() if status == Milestone.Status.DONE else None
    milestone.status = status
    milestone.save()
    return milestone


def milestone_send_reminders(*, today: date | None = None, days: int | None = None) -> int:
    """Email the researcher and host managers about milestones due soon; each milestone is reminded once."""
    from django.conf import settings

    today = today or timezone.localdate()
    days = days if days is not None else getattr(settings, "PLACEMENT_REMINDER_DAYS", 7)
    sent = 0
    for milestone in selectors.milestones_due(today, days):
        with transaction.atomic():
            claimed = Milestone.objects.filter(pk=milestone.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if not claimed:  # another worker got there first
                continue
            placement = milestone.placement
            recipients = list(selectors.host_managers(placement.organization))
            if placement.researcher:
                recipients.append(placement.researcher)
            send_templated_email(
                to=recipients,
                template="placements/milestone_reminder",
                kind=EmailKind.REMINDERS,
                context={
                    "milestone_title": milestone.title,
                    "due_date": milestone.due_date,
                    "organization_name": placement.organization.name,
                    "url": absolute_url(placement.get_absolute_url()),
                },
            )
            sent += 1
    return sent
