"""Enrollment and lesson completion; completing the last required lesson completes the course."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.locking import lock
from organizations.models import Membership, User

from ..models import CoursePage, Enrollment, EnrollmentMode, LessonCompletion, LessonPage
from .certificates import certificate_issue

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
    enrollment = lock(enrollment)
    if enrollment.status != Enrollment.Status.PENDING:
        raise ServiceError(_("This enrollment is not waiting for approval."))
    enrollment.status = Enrollment.Status.ACTIVE
    enrollment.save(update_fields=["status"])
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment) -> Enrollment:
    """Withdraw but keep progress, so re-enrolling picks up where the learner stopped."""
    enrollment = lock(enrollment)
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
