"""Quiz attempts: scored on the server, limited in number and pace, and a pass completes the lesson."""

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from organizations.models import User

from ..models import Enrollment, LessonCompletion, LessonPage, QuizAttempt
from ..quiz import next_attempt_at
from .learning import active_enrollment, course_for_lesson, lesson_complete, lesson_lock_reason


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
    if enrollment.quiz_attempts.filter(lesson=lesson, passed=True).exists():
        raise ServiceError(_("You have already passed this quiz."))
    previous = list(enrollment.quiz_attempts.filter(lesson=lesson))
    used = max((attempt.number for attempt in previous), default=0)
    if lesson.quiz_max_attempts and used >= lesson.quiz_max_attempts:
        raise ServiceError(_("You have used all %(count)d attempts for this quiz.") % {"count": used})
    ready_at = next_attempt_at(lesson=lesson, attempts=previous)
    if ready_at is not None and timezone.now() < ready_at:
        when = formats.date_format(timezone.localtime(ready_at), "DATETIME_FORMAT")
        raise ServiceError(_("You can try the quiz again from %(time)s.") % {"time": when})
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
