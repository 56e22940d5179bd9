"""Fair quizzes: a failed attempt shows what was wrong, never the right answers (until the editor's
rule allows); shuffled attempts keep one order; attempt limits and waiting time hold on the server."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.factories import LessonPageFactory, quiz_data
from courses.models import QuizAttempt
from lms.errors import ServiceError

pytestmark = pytest.mark.django_db

WRONG = {"q0": ["1"], "q1": ["2"]}  # both wrong
RIGHT = {"q0": ["0"], "q1": ["0", "1"]}


def answers(lesson, picks):
    ids = [q["id"] for q in lesson.quiz_questions()]
    return {ids[0]: picks["q0"], ids[1]: picks["q1"]}


def post(client, lesson, picks):
    data = {f"q-{qid}": values for qid, values in answers(lesson, picks).items()}
    return client.post(reverse("courses:quiz_submit", args=[lesson.pk]), data, follow=True)


@pytest.fixture
def quiz_lesson(course, lessons, member):
    services.enrollment_create(user=member, course=course)
    for lesson in lessons[:2]:
        services.lesson_complete(user=member, lesson=lesson)
    return lessons[2]


def review_section(response) -> str:
    body = response.content.decode()
    match = re.search(r'<section id="quiz-result".*?</section>', body, re.S)
    assert match, "the attempt's review is shown"
    return match.group(0)


def test_failed_attempt_shows_which_questions_were_wrong_but_no_correct_answer(client_for, member, quiz_lesson):
    response = post(client_for(member), quiz_lesson, WRONG)
    review = review_section(response)
    assert review.count("Incorrect") == 2
    assert "your answer" in review
    assert "correct answer" not in review
    assert "Why." not in review  # the explanation gives the answer away
    assert "does not show the right answers" in review
    assert "The articles of association" in review  # the choices are listed, unmarked


def test_answers_revealed_after_passing_when_the_editor_chose_so(client_for, member, quiz_lesson):
    quiz_lesson.quiz_reveal_answers = "after_passing"
    quiz_lesson.save()
    client = client_for(member)
    failed = review_section(post(client, quiz_lesson, WRONG))
    assert "correct answer" not in failed and "shown once you pass" in failed
    response = post(client, quiz_lesson, RIGHT)  # passing the last lesson completes the course
    assert response.redirect_chain[-1][0] == reverse("courses:course_complete", args=[quiz_lesson.get_parent().pk])
    attempt = QuizAttempt.objects.filter(passed=True).get()
    passed = review_section(client.get(f"{quiz_lesson.url}?attempt={attempt.pk}"))
    assert "correct answer" in passed and "Why." in passed


def test_answers_revealed_after_the_last_allowed_attempt(client_for, member, quiz_lesson):
    quiz_lesson.quiz_reveal_answers = "after_last_attempt"
    quiz_lesson.quiz_max_attempts = 2
    quiz_lesson.save()
    client = client_for(member)
    first = review_section(post(client, quiz_lesson, WRONG))
    assert "correct answer" not in first
    last = review_section(post(client, quiz_lesson, WRONG))
    assert "correct answer" in last
    # the earlier attempt's review is now revealed too, and no third attempt is taken
    response = post(client, quiz_lesson, RIGHT)
    assert "You have used all 2 attempts" in response.content.decode()
    assert QuizAttempt.objects.count() == 2


def test_waiting_time_between_attempts_is_enforced_on_the_server(client_for, member, quiz_lesson):
    quiz_lesson.quiz_wait_minutes = 60
    quiz_lesson.save()
    client = client_for(member)
    post(client, quiz_lesson, WRONG)
    response = post(client, quiz_lesson, RIGHT)
    body = response.content.decode()
    assert "You can try the quiz again from" in body
    assert QuizAttempt.objects.count() == 1
    page = client.get(quiz_lesson.url).content.decode()
    assert "Submit answers" not in page and "You can try the quiz again from" in page
    with pytest.raises(ServiceError):
        services.quiz_submit(user=member, lesson=quiz_lesson, answers=answers(quiz_lesson, RIGHT))
    QuizAttempt.objects.update(submitted_at=timezone.now() - timedelta(minutes=61))
    assert services.quiz_submit(user=member, lesson=quiz_lesson, answers=answers(quiz_lesson, RIGHT)).passed


def test_shuffled_order_is_stable_within_an_attempt_and_new_for_the_next(client_for, member, course, lessons):
    questions = [(f"Question number {i}?", [f"Q{i} option {c}" for c in range(4)], [0], False, "") for i in range(8)]
    lesson = LessonPageFactory(parent=course, title="Shuffled", quiz=quiz_data(questions), quiz_shuffle=True)
    lesson.quiz_max_attempts = 0
    lesson.save()
    services.enrollment_create(user=member, course=course)
    for done in lessons[:2]:
        services.lesson_complete(user=member, lesson=done)
    client = client_for(member)

    def shown_order() -> list[str]:
        return re.findall(r"Question number (\d)\?", client.get(lesson.url).content.decode())

    first = shown_order()
    assert sorted(first) == [str(i) for i in range(8)]
    assert shown_order() == first  # reloading keeps the attempt's order
    ids = [q["id"] for q in lesson.quiz_questions()]
    client.post(reverse("courses:quiz_submit", args=[lesson.pk]), {f"q-{qid}": "1" for qid in ids})
    second = shown_order()
    assert second != first  # 1 in 40,320 that a new attempt repeats the order
    # options are shuffled too, and each still posts its original index
    body = client.get(lesson.url).content.decode()
    options = re.findall(r'value="(\d)" id="q-[^"]+">\s*<label[^>]*>Q0 option (\d)', body)
    assert len(options) == 4 and all(value == label for value, label in options)


def test_grading_ignores_the_shown_order(member, quiz_lesson):
    quiz_lesson.quiz_shuffle = True
    quiz_lesson.save()
    attempt = services.quiz_submit(user=member, lesson=quiz_lesson, answers=answers(quiz_lesson, RIGHT))
    assert attempt.passed and attempt.score == 100
