"""Course and seminar models, split by concern and re-exported here."""

from .learning import Certificate, Enrollment, LessonCompletion, QuizAttempt, new_certificate_code
from .pages import (
    CourseFormat,
    CourseIndexPage,
    CourseInstructor,
    CoursePage,
    EnrollmentMode,
    LessonPage,
    Level,
    QuizReveal,
)
from .seminars import SeminarIndexPage, SeminarMaterial, SeminarPage, SeminarSpeaker
from .sessions import SeminarRegistration, SeminarSession, SessionFeedback, SessionFormat, SessionMessage

__all__ = [
    "Certificate",
    "CourseFormat",
    "CourseIndexPage",
    "CourseInstructor",
    "CoursePage",
    "Enrollment",
    "EnrollmentMode",
    "LessonCompletion",
    "LessonPage",
    "Level",
    "QuizReveal",
    "QuizAttempt",
    "SeminarIndexPage",
    "SeminarMaterial",
    "SeminarPage",
    "SeminarRegistration",
    "SeminarSession",
    "SeminarSpeaker",
    "SessionFeedback",
    "SessionFormat",
    "SessionMessage",
    "new_certificate_code",
]
