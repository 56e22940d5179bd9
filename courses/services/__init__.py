"""Writes for courses and seminars, split by concern and re-exported here.

Views, commands and tasks all go through these. Every function is keyword-only and transactional, and
raises ServiceError with a message for the user when a rule refuses the action (nothing is changed then).
"""

from .certificates import (
    certificate_claim,
    certificate_issue,
    certificate_name_for,
    certificate_name_set,
    certificate_names_sync,
    certificate_reinstate,
    certificate_revoke,
)
from .learning import (
    active_enrollment,
    course_for_lesson,
    enrollment_approve,
    enrollment_create,
    enrollment_refusal,
    enrollment_withdraw,
    lesson_complete,
    lesson_lock_reason,
    live_lessons,
)
from .quizzes import (
    quiz_submit,
)
from .seminar_notices import (
    reminders_send,
    session_changed,
    session_uid,
)
from .seminars import (
    attendance_mark,
    can_cancel_registration,
    can_manage_seminar,
    default_organization_for,
    feedback_submit,
    promote_from_waitlist,
    registration_cancel,
    registration_create,
    registration_refusal,
    session_message_send,
    waitlist_position,
)

__all__ = [
    "active_enrollment",
    "attendance_mark",
    "can_cancel_registration",
    "can_manage_seminar",
    "certificate_claim",
    "certificate_issue",
    "certificate_name_for",
    "certificate_name_set",
    "certificate_names_sync",
    "certificate_reinstate",
    "certificate_revoke",
    "course_for_lesson",
    "default_organization_for",
    "enrollment_approve",
    "enrollment_create",
    "enrollment_refusal",
    "enrollment_withdraw",
    "feedback_submit",
    "lesson_complete",
    "lesson_lock_reason",
    "live_lessons",
    "promote_from_waitlist",
    "quiz_submit",
    "registration_cancel",
    "registration_create",
    "registration_refusal",
    "reminders_send",
    "session_changed",
    "session_message_send",
    "session_uid",
    "waitlist_position",
]
