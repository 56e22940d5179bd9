"""Meetings in each member's private calendar feed (registered in AppConfig.ready)."""

from lms.calendar import CalendarEvent


def member_meetings(user) -> list[CalendarEvent]:
    from .selectors import meetings_for_feed
    from .services import meeting_event

    return [meeting_event(meeting) for meeting in meetings_for_feed(user)]
