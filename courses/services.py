"""Writes for courses and seminars. Views, commands and tasks all go through these.

Every function is keyword-only and transactional, and raises ServiceError with a
message for the user when a rule refuses the action (nothing is changed then).
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from organizations.models import Membership, Organization, User

from .models import (
    Certificate,
    CoursePage,
    Enrollment,
    EnrollmentMode,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
)

logger = logging.getLogger(__name__)


# --- enrollment ---------------------------------------------------------------------------------


def enrollment_refusal(*, user, course: CoursePage) -> str:
    """Why ``user`` may not enroll in ``course`` ("" when they may)."""
    if not user.is_authenticated:
        return _("Sign in to enroll.")
    if not course.live:
        return _("This course is not open for enrollment.")
    if course.enrollment_mode == EnrollmentMode.ORGANIZATIONS:
        allowed = course.allowed_organizations.all()
        if not Membership.objects.filter(user=user, organization__in=allowed).exists():
            return _("This course is open to staff of selected organizations only.")
    return ""


@transaction.atomic
def enrollment_create(*, user: User, course: CoursePage) -> Enrollment:
    """Enroll ``user``; asking again returns the existing enrollment (no duplicates)."""
    refusal = enrollment_refusal(user=user, course=course)
    if refusal:
        raise ServiceError(refusal)
    membership_qs = Membership.objects.filter(user=user).select_related("organization").order_by("joined_at")
    if course.enrollment_mode == EnrollmentMode.ORGANIZATIONS:
        membership_qs = membership_qs.filter(organization__in=course.allowed_organizations.all())
    membership = membership_qs.first()
    status = (
        Enrollment.Status.PENDING if course.enrollment_mode == EnrollmentMode.APPROVAL else Enrollment.Status.ACTIVE
    )
    enrollment = Enrollment.objects.select_for_update().filter(user=user, course=course).first()
    if enrollment is not None:
        if enrollment.status == Enrollment.Status.WITHDRAWN:
            enrollment.status = status
            enrollment.save(update_fields=["status"])
        return enrollment
    try:
        with transaction.atomic():
            return Enrollment.objects.create(
                user=user,
                course=course,
                status=status,
                organization=membership.organization if membership else None,
            )
    except IntegrityError:  # a second click raced the first
        return Enrollment.objects.get(user=user, course=course)


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, by: User) -> Enrollment:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may approve enrollments."))
    if enrollment.status != Enrollment.Status.PENDING:
        raise ServiceError(_("This enrollment is not waiting for approval."))
    enrollment.status = Enrollment.Status.ACTIVE
    enrollment.save(update_fields=["status"])
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment) -> Enrollment:
    """Withdraw but keep progress, so re-enrolling picks up where the learner stopped."""
    enrollment.status = Enrollment.Status.WITHDRAWN
    enrollment.save(update_fields=["status"])
    return enrollment


# --- lessons and completion ---------------------------------------------------------------------


def course_for_lesson(lesson: LessonPage) -> CoursePage:
    return CoursePage.objects.get(path=lesson.path[: -lesson.steplen])


def live_lessons(course: CoursePage):
    return LessonPage.objects.child_of(course).live().order_by("path")


def active_enrollment(*, user, course: CoursePage) -> Enrollment:
    if not user.is_authenticated:
        raise ServiceError(_("Sign in and enroll to continue."))
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is None or enrollment.status == Enrollment.Status.WITHDRAWN:
        raise ServiceError(_("Enroll in the course first."))
    if enrollment.status == Enrollment.Status.PENDING:
        raise ServiceError(_("Your enrollment is waiting for approval."))
    return enrollment


def lesson_lock_reason(*, course: CoursePage, lesson: LessonPage, completed_ids: set[int], lessons=None) -> str:
    """In sequential courses a lesson opens once every earlier lesson is complete."""
    if not course.sequential:
        return ""
    for item in lessons if lessons is not None else live_lessons(course).only("id", "path", "title"):
        if item.pk == lesson.pk:
            return ""
        if item.pk not in completed_ids:
            return _("Complete “%(title)s” first.") % {"title": item.title}
    return ""


@transaction.atomic
def lesson_complete(
    *, user: User, lesson: LessonPage, method: str = LessonCompletion.Method.MANUAL
) -> LessonCompletion:
    """Mark a lesson complete. Repeating it changes nothing (idempotent)."""
    course = course_for_lesson(lesson)
    enrollment = active_enrollment(user=user, course=course)
    if not lesson.live:
        raise ServiceError(_("This lesson is not available."))
    completed_ids = set(enrollment.completions.values_list("lesson_id", flat=True))
    if lesson.pk in completed_ids:
        return enrollment.completions.get(lesson=lesson)
    reason = lesson_lock_reason(course=course, lesson=lesson, completed_ids=completed_ids)
    if reason:
        raise ServiceError(reason)
    if method == LessonCompletion.Method.MANUAL and lesson.has_quiz:
        raise ServiceError(_("Pass the quiz to complete this lesson."))
    try:
        with transaction.atomic():
            completion = LessonCompletion.objects.create(enrollment=enrollment, lesson=lesson, method=method)
    except IntegrityError:
        return enrollment.completions.get(lesson=lesson)
    now = timezone.now()
    Enrollment.objects.filter(pk=enrollment.pk).update(last_lesson=lesson, last_activity_at=now)
    _check_course_complete(enrollment=enrollment, course=course, now=now)
    return completion


def _check_course_complete(*, enrollment: Enrollment, course: CoursePage, now) -> None:
    if enrollment.completed_at:
        return
    required = set(live_lessons(course).filter(is_required=True).values_list("id", flat=True))
    done = set(enrollment.completions.values_list("lesson_id", flat=True))
    if required and required <= done:
        enrollment.completed_at = now
        enrollment.save(update_fields=["completed_at"])
        if course.issues_certificate:
            certificate_issue(enrollment=enrollment)


# --- quizzes ------------------------------------------------------------------------------------


def _clean_answers(questions: list[dict], answers: dict[str, list[str]]) -> dict[str, list[int]]:
    """Check a submission against the quiz; anything unexpected refuses the whole attempt."""
    expected = {q["id"]: q for q in questions}
    unknown = set(answers) - set(expected)
    if unknown:
        raise ServiceError(_("The quiz has changed or the form was altered. Reload the page and try again."))
    cleaned: dict[str, list[int]] = {}
    for qid, question in expected.items():
        raw = [value for value in answers.get(qid, []) if value != ""]
        if not raw:
            raise ServiceError(_("Answer every question before submitting."))
        try:
            picked = sorted({int(value) for value in raw})
        except (TypeError, ValueError):
            raise ServiceError(_("The quiz has changed or the form was altered. Reload the page and try again."))
        if any(i < 0 or i >= len(question["choices"]) for i in picked):
            raise ServiceError(_("The quiz has changed or the form was altered. Reload the page and try again."))
        if not question["multiple"] and len(picked) != 1:
            raise ServiceError(_("Choose one answer for each single-choice question."))
        cleaned[qid] = picked
    return cleaned


@transaction.atomic
def quiz_submit(*, user: User, lesson: LessonPage, answers: dict[str, list[str]]) -> QuizAttempt:
    """Score on the server, record the attempt, and complete the lesson on a pass."""
    course = course_for_lesson(lesson)
    enrollment = active_enrollment(user=user, course=course)
    questions = lesson.quiz_questions()
    if not questions:
        raise ServiceError(_("This lesson has no quiz."))
    # Lock the enrollment so two tabs cannot both use the last attempt.
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    completed_ids = set(enrollment.completions.values_list("lesson_id", flat=True))
    reason = lesson_lock_reason(course=course, lesson=lesson, completed_ids=completed_ids)
    if reason:
        raise ServiceError(reason)
    used = enrollment.quiz_attempts.filter(lesson=lesson).aggregate(n=Max("number"))["n"] or 0
    if lesson.quiz_max_attempts and used >= lesson.quiz_max_attempts:
        raise ServiceError(_("You have used all %(count)d attempts for this quiz.") % {"count": used})
    cleaned = _clean_answers(questions, answers)
    correct = 0
    for question in questions:
        right = sorted(c["index"] for c in question["choices"] if c["correct"])
        if cleaned[question["id"]] == right:
            correct += 1
    score = round(100 * correct / len(questions))
    passed = score >= lesson.quiz_pass_mark
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                enrollment=enrollment,
                lesson=lesson,
                number=used + 1,
                answers=cleaned,
                correct_count=correct,
                question_count=len(questions),
                score=score,
                passed=passed,
            )
    except IntegrityError:
        raise ServiceError(_("This attempt was already submitted."))
    if passed and lesson.pk not in completed_ids:
        lesson_complete(user=user, lesson=lesson, method=LessonCompletion.Method.QUIZ)
    return attempt


# --- certificates -------------------------------------------------------------------------------


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment) -> Certificate:
    """One certificate per completed enrollment; the learner is told by email."""
    from lms.email import absolute_url, send_templated_email

    if not enrollment.completed_at:
        raise ServiceError(_("The course is not complete yet."))
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing:
        return existing
    user = enrollment.user
    certificate = Certificate.objects.create(
        enrollment=enrollment,
        learner_name=user.get_full_name() or user.email,
        course_title=enrollment.course.title,
        issued_at=enrollment.completed_at,
    )
    send_templated_email(
        to=user,
        template="courses/certificate_issued",
        context={"certificate": certificate, "url": absolute_url(certificate.get_absolute_url())},
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may revoke certificates."))
    if not reason.strip():
        raise ServiceError(_("Give a reason for revoking the certificate."))
    if certificate.revoked_at:
        raise ServiceError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, by: User) -> Certificate:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may reinstate certificates."))
    certificate.revoked_at = None
    certificate.revoked_by = None
    certificate.revocation_reason = ""
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


def default_organization_for(user: User) -> Organization | None:
    membership = Membership.objects.filter(user=user).select_related("organization").order_by("joined_at").first()
    return membership.organization if membership else None
