"""Milestone due dates in the private calendar feed of the researcher and the host's managers."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lms.calendar import CalendarEvent
from lms.email import absolute_url
from lms.home import once

from . import selectors
from .models import Milestone, Placement


def calendar_milestones(user) -> list[Milestone]:
    """The milestones of the approved and active placements the person sees, once per request: the personal
    home's calendar and its list of milestones due read the same ones."""
    if not user.is_authenticated:
        return []

    def read():
        placements = selectors.visible_placements(user).filter(
            state__in=[Placement.State.APPROVED, Placement.State.ACTIVE]
        )
        return list(Milestone.objects.filter(placement__in=placements).select_related("placement__organization"))

    return once(user, "milestones", read)


def milestone_events(user):
    events = []
    for milestone in calendar_milestones(user):
        start = timezone.make_aware(datetime.combine(milestone.due_date, time(9, 0)))
        events.append(
            CalendarEvent(
                uid=f"placement-milestone-{milestone.pk}@lms",
                start=start,
                end=start + timedelta(hours=1),
                summary=f"{milestone.title} ({milestone.placement.organization.name})",
                description=milestone.description,
                url=absolute_url(milestone.placement.get_absolute_url()),
                status="CANCELLED" if milestone.status == Milestone.Status.DROPPED else "CONFIRMED",
            )
        )
    return events
