"""Reads for courses and seminars, with relations fetched up front, split by concern and re-exported here.

Page contexts call these so that a page's query count does not grow with the number of lessons,
courses, sessions or registrations. Other apps (progress, home) read courses only through these.
"""

from .catalogue import (
    catalogue_courses,
    course_overview,
    home_highlights,
    localize_index,
    routed_page,
)
from .learning import (
    attempt_review,
    certificate_by_code,
    completed_enrollment,
    course_completed,
    learner_dashboard,
    lesson_context,
    lesson_preview_context,
    pending_enrollments,
)
from .outlines import (
    LESSON_OUTLINE_FIELDS,
    lesson_counts,
    lesson_outlines,
)
from .seminars import (
    LIVE,
    feedback_summary,
    seminar_dashboard,
    seminar_feed_events,
    seminar_listing,
    seminar_page_context,
    seminar_registration_for_user,
    session_calendar_event,
    session_event_for,
    session_for_organizer,
    session_roster,
    session_roster_table,
    sessions_with_counts,
    upcoming_sessions,
)
from .stats import (
    enrollments_for_user,
    seminar_registrations_for_user,
)

__all__ = [
    "LESSON_OUTLINE_FIELDS",
    "LIVE",
    "attempt_review",
    "catalogue_courses",
    "certificate_by_code",
    "completed_enrollment",
    "course_completed",
    "course_overview",
    "enrollments_for_user",
    "feedback_summary",
    "home_highlights",
    "learner_dashboard",
    "lesson_context",
    "lesson_counts",
    "lesson_outlines",
    "lesson_preview_context",
    "localize_index",
    "pending_enrollments",
    "routed_page",
    "seminar_dashboard",
    "seminar_feed_events",
    "seminar_listing",
    "seminar_page_context",
    "seminar_registration_for_user",
    "seminar_registrations_for_user",
    "session_calendar_event",
    "session_event_for",
    "session_for_organizer",
    "session_roster",
    "session_roster_table",
    "sessions_with_counts",
    "upcoming_sessions",
]
