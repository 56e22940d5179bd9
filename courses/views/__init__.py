"""Thin views: parse input, check who is asking, call one service, redirect or render.

Split by concern and re-exported here for urls.py.
"""

from .certificates import (
    certificate_lookup,
    certificate_pdf,
    certificate_print,
    certificate_reinstate,
    certificate_revoke,
    certificate_verify,
)
from .courses import (
    course_complete,
    course_enroll,
    course_withdraw,
    enrollment_requests,
    learning,
    lesson_complete,
    quiz_submit,
)
from .seminars import (
    registration_cancel,
    registration_feedback,
    session_register,
    session_roster,
    session_roster_csv,
    session_roster_print,
)

__all__ = [
    "certificate_lookup",
    "certificate_pdf",
    "certificate_print",
    "certificate_reinstate",
    "certificate_revoke",
    "certificate_verify",
    "course_complete",
    "course_enroll",
    "course_withdraw",
    "enrollment_requests",
    "learning",
    "lesson_complete",
    "quiz_submit",
    "registration_cancel",
    "registration_feedback",
    "session_register",
    "session_roster",
    "session_roster_csv",
    "session_roster_print",
]
