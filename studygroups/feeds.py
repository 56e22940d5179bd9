"""Meetings in each member's private calendar feed and .ics downloads (registered in AppConfig.ready)."""

from lms.calendar import CalendarEvent


def member_meetings(user) -> list[CalendarEvent]:
    from .selectors import meetings_for_feed
    from .services import meeting_event

    return [meeting_event(meeting) for meeting in meetings_for_feed(user)]


def member_meeting_event(user, pk: int) -> CalendarEvent | None:
    """A meeting's entry, for active members of its group only."""
    from .models import GroupMembership, Meeting
    from .services import meeting_event

    if not user.is_authenticated:
        return None
    meeting = (
        Meeting.objects.filter(
            pk=pk, group__memberships__user=user, group__memberships__status=GroupMembership.Status.ACTIVE
        )
        .select_related("group")
        .first()
    )
    return meeting_event(meeting) if meeting is not None else None
