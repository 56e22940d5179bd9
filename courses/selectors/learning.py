"""A learner's own learning: lesson pages with their quiz, /learning/, completions and certificates."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.translations import canonical, is_canonical

from .. import caching
from ..models import Certificate, CoursePage, Enrollment, LessonCompletion, LessonPage, QuizAttempt
from ..quiz import answers_revealed, attempt_order, next_attempt_at
from ..services import enrollment_refusal
from .outlines import _decorate, _outline, _progress, enrollment_with_completions, lesson_outlines


def lesson_context(*, lesson: LessonPage, user, attempt_id=None) -> dict:
    """Everything the lesson template needs, in a fixed number of queries."""
    if not is_canonical(lesson):  # a translation: its original and course come from the page cache
        lesson = caching.get_or_build("canonical-lesson", lesson.pk, build=lambda: canonical(lesson))
    course = getattr(lesson, "_cached_parent_obj", None)  # set by routing
    if not isinstance(course, CoursePage):
        path = lesson.path[: -lesson.steplen]
        course = caching.get_or_build("course-at", path, build=lambda: CoursePage.objects.get(path=path))
    lessons = _outline(course)
    enrollment, completed = enrollment_with_completions(user, course)
    active = bool(enrollment and enrollment.is_active)
    completed = completed if active else set()
    next_lesson = _decorate(lessons, course=course, completed=completed, current_id=lesson.pk)
    position = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), 0)
    current = lessons[position] if lessons else lesson
    can_read = lesson.is_preview or active
    lock_reason = ""
    if active and getattr(current, "is_locked", False):
        previous_open = next((item for item in lessons if not item.is_done), None)
        lock_reason = _("Complete “%(title)s” first.") % {"title": previous_open.title} if previous_open else ""
        can_read = lesson.is_preview
    attempts = []
    if active and lesson.has_quiz:
        attempts = list(QuizAttempt.objects.filter(enrollment=enrollment, lesson=lesson).order_by("number"))
    shown_attempt = None
    if attempt_id:
        shown_attempt = next((a for a in attempts if str(a.pk) == str(attempt_id)), None)
        if shown_attempt is None:
            raise Http404  # someone else's attempt, or none at all: never shown
    passed = any(a.passed for a in attempts)
    attempts_left = None
    if lesson.quiz_max_attempts:
        attempts_left = max(lesson.quiz_max_attempts - len(attempts), 0)
    retry_at = next_attempt_at(lesson=lesson, attempts=attempts)
    if retry_at is not None and retry_at <= timezone.now():
        retry_at = None
    show_quiz = active and can_read and lesson.has_quiz
    quiz = []
    if show_quiz:
        quiz = attempt_order(
            lesson=lesson, enrollment_id=enrollment.pk, number=len(attempts) + 1, questions=lesson.public_quiz()
        )
    reveal = answers_revealed(lesson=lesson, attempts=attempts)
    return {
        "course": course,
        "record_lesson": lesson,
        "lessons": lessons,
        "enrollment": enrollment,
        "is_enrolled": active,
        "is_done": lesson.pk in completed,
        "can_read": can_read,
        "lock_reason": lock_reason,
        "previous_lesson": lessons[position - 1] if position > 0 else None,
        "following_lesson": lessons[position + 1] if position + 1 < len(lessons) else None,
        "next_lesson": next_lesson,
        "progress": _progress(lessons, completed),
        "quiz": quiz,
        "quiz_attempts": attempts,
        "quiz_passed": passed,
        "attempts_left": attempts_left,
        "quiz_retry_at": retry_at,
        "can_attempt": (
            active
            and can_read
            and not lock_reason
            and not passed
            and retry_at is None
            and (attempts_left is None or attempts_left > 0)
        ),
        "attempt_review": attempt_review(lesson, shown_attempt, reveal=reveal) if shown_attempt else None,
        "enroll_refusal": "" if active else enrollment_refusal(user=user, course=course),
    }


def attempt_review(lesson: LessonPage, attempt: QuizAttempt, *, reveal: bool) -> dict:
    """After submission: which answers were right or wrong, in the order the attempt showed them.

    The right answers (and the explanations, which give them away) are only included once the
    editor's reveal rule allows: a failed attempt otherwise shows only what the learner chose.
    """
    questions = attempt_order(
        lesson=lesson, enrollment_id=attempt.enrollment_id, number=attempt.number, questions=lesson.quiz_questions()
    )
    rows = []
    for question in questions:
        chosen = set(attempt.answers.get(question["id"], []))
        right = {c["index"] for c in question["choices"] if c["correct"]}
        rows.append(
            {
                "id": question["id"],
                "prompt": question["prompt"],
                "explanation": question["explanation"] if reveal else "",
                "is_correct": chosen == right,
                "choices": [
                    {
                        "index": c["index"],
                        "text": c["text"],
                        "chosen": c["index"] in chosen,
                        "correct": reveal and c["correct"],
                    }
                    for c in question["choices"]
                ],
            }
        )
    return {"attempt": attempt, "questions": rows, "answers_revealed": reveal}


def lesson_preview_context(*, lesson: LessonPage) -> dict:
    """What an editor sees in preview: the body and the quiz as learners will see it, no records."""
    course = CoursePage.objects.filter(path=lesson.path[: -lesson.steplen]).first() if lesson.path else None
    return {
        "course": course,
        "lessons": [],
        "can_read": True,
        "quiz": lesson.public_quiz(),
        "is_enrolled": False,
        "preview_quiz": True,
    }


def learner_dashboard(user) -> dict:
    """/learning/: the learner's courses with progress and next lesson, and certificates."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("course", "certificate")
        .prefetch_related(
            Prefetch("completions", queryset=LessonCompletion.objects.only("id", "lesson_id", "enrollment_id"))
        )
        .order_by("-last_activity_at", "-enrolled_at")
    )
    lessons = lesson_outlines([e.course for e in enrollments])
    in_progress, completed = [], []
    for enrollment in enrollments:
        done = {c.lesson_id for c in enrollment.completions.all()}
        course_lessons = lessons.get(enrollment.course_id, [])
        enrollment.next_lesson = _decorate(course_lessons, course=enrollment.course, completed=done)
        enrollment.progress = _progress(course_lessons, done)
        enrollment.lesson_total = len(course_lessons)
        enrollment.lesson_done = len([lesson for lesson in course_lessons if lesson.pk in done])
        (completed if enrollment.completed_at else in_progress).append(enrollment)
    certificates = [e.certificate for e in completed if hasattr(e, "certificate")]
    return {"in_progress": in_progress, "completed": completed, "certificates": certificates}


def course_completed(*, user, course: CoursePage) -> bool:
    return Enrollment.objects.filter(user=user, course=course, completed_at__isnull=False).exists()


def completed_enrollment(*, user, course_id: int) -> Enrollment | None:
    """The viewer's own completed enrollment in a course, with its certificate (None otherwise)."""
    return (
        Enrollment.objects.filter(user=user, course_id=course_id, completed_at__isnull=False)
        .select_related("course", "certificate")
        .first()
    )


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrollment__course", "enrollment__user", "revoked_by")
        .filter(code=code)
        .first()
    )


def pending_enrollments() -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(status=Enrollment.Status.PENDING).select_related("user", "course", "organization")
