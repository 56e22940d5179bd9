"""The courses and seminars part of a person's data (registered in apps.py)."""

from django.utils.translation import gettext as _

from lms.personal_data import ExportSection, records

from .models import Certificate, Enrollment, LessonCompletion, QuizAttempt, SeminarRegistration, SessionFeedback


def _session(registration) -> dict:
    session = registration.session
    return {_("seminar"): session.seminar.title, _("session"): str(session), _("starts"): session.starts_at.isoformat()}


def export(user) -> list[ExportSection]:
    return [
        ExportSection(
            key="courses_enrollments",
            title=_("Course enrollments"),
            records=records(
                Enrollment.objects.filter(user=user).select_related("course", "organization", "last_lesson"),
                ["course", "organization", "status", "enrolled_at", "completed_at", "last_activity_at"],
            ),
        ),
        ExportSection(
            key="courses_lesson_completions",
            title=_("Lesson completions"),
            records=records(
                LessonCompletion.objects.filter(enrollment__user=user).select_related("lesson"),
                ["lesson", "method", "completed_at"],
            ),
        ),
        ExportSection(
            key="courses_quiz_attempts",
            title=_("Quiz attempts"),
            records=records(
                QuizAttempt.objects.filter(enrollment__user=user).select_related("lesson"),
                ["lesson", "number", "answers", "correct_count", "question_count", "score", "passed", "submitted_at"],
            ),
        ),
        ExportSection(
            key="courses_certificates",
            title=_("Certificates"),
            records=records(
                Certificate.objects.filter(enrollment__user=user),
                ["code", "learner_name", "course_title", "issued_at", "revoked_at", "revocation_reason"],
            ),
        ),
        ExportSection(
            key="seminars_registrations",
            title=_("Seminar registrations"),
            records=records(
                SeminarRegistration.objects.filter(user=user).select_related("session__seminar", "organization"),
                ["organization", "status", "seat", "requested_at", "confirmed_at", "cancelled_at", "attended"],
                extra=_session,
            ),
        ),
        ExportSection(
            key="seminars_feedback",
            title=_("Seminar feedback"),
            records=records(
                SessionFeedback.objects.filter(registration__user=user).select_related("registration__session"),
                ["rating", "comments", "submitted_at"],
                extra=lambda f: {_("session"): str(f.registration.session)},
            ),
        ),
    ]


def erase(user) -> None:
    """Enrollments, attempts and registrations stay for the statistics; names and comments go."""
    Certificate.objects.filter(enrollment__user=user).update(learner_name="")
    SessionFeedback.objects.filter(registration__user=user).update(comments="")
