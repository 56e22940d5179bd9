"""Fair quizzes: the order an attempt is shown in, when the right answers may be revealed, and when the
next attempt may start. Used by the lesson page (selectors) and the grading service alike."""

import hashlib
import hmac
import random
from datetime import datetime, timedelta

from django.conf import settings

from .models import LessonPage, QuizAttempt, QuizReveal


def attempt_order(*, lesson: LessonPage, enrollment_id: int, number: int, questions: list[dict]) -> list[dict]:
    """The questions (and each question's choices) in the order attempt ``number`` shows them.

    The order comes from a keyed hash of the enrollment, lesson and attempt number: reloading the page
    shows the same order until the attempt is submitted, the next attempt gets a new one, and the
    review of a past attempt is shown as it was answered. Choices keep their original ``index``,
    which is what the form posts and what is graded.
    """
    if not lesson.quiz_shuffle:
        return questions
    key = settings.SECRET_KEY.encode()
    seed = hmac.new(key, f"quiz:{enrollment_id}:{lesson.pk}:{number}".encode(), hashlib.sha256).hexdigest()
    rng = random.Random(seed)  # noqa: S311 - an order to show, not a secret
    shuffled = [dict(question, choices=list(question["choices"])) for question in questions]
    rng.shuffle(shuffled)
    for question in shuffled:
        rng.shuffle(question["choices"])
    return shuffled


def answers_revealed(*, lesson: LessonPage, attempts: list[QuizAttempt]) -> bool:
    """Whether the learner may now see the right answers, as the editor chose."""
    passed = any(attempt.passed for attempt in attempts)
    if lesson.quiz_reveal_answers == QuizReveal.AFTER_PASSING:
        return passed
    if lesson.quiz_reveal_answers == QuizReveal.AFTER_LAST_ATTEMPT:
        used_all = bool(lesson.quiz_max_attempts) and len(attempts) >= lesson.quiz_max_attempts
        return passed or used_all
    return False


def next_attempt_at(*, lesson: LessonPage, attempts: list[QuizAttempt]) -> datetime | None:
    """When the waiting time after the last failed attempt ends (None: no wait)."""
    if not lesson.quiz_wait_minutes or not attempts:
        return None
    last = max(attempts, key=lambda attempt: attempt.number)
    if last.passed:
        return None
    return last.submitted_at + timedelta(minutes=lesson.quiz_wait_minutes)
