"""Lesson and /learning/ pages: at most 12 queries, the same for small and large courses, and the
cached pages and outlines behind them follow every editor's change and never carry one learner's progress."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from courses import services
from courses.models import LessonPage
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def _count(client, url) -> int:
    client.get(url)  # warm the caches, as a running server's are
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _lessons(course) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


def test_lesson_page_queries_at_most_12_and_equal_for_3_and_30_lessons(client_for, member, make_course):
    counts = []
    for size in (3, 30):
        course = make_course(lessons=size)
        lessons = _lessons(course)
        services.enrollment_create(user=member, course=course)
        services.lesson_complete(user=member, lesson=lessons[0])
        client = client_for(member)
        counts.append((_count(client, lessons[1].url), _count(client, lessons[-1].url)))  # the last has a quiz
    assert counts[0] == counts[1]
    assert max(counts[0]) <= MAX_QUERIES


def test_learning_page_queries_at_most_12_and_equal_for_1_and_6_courses(client_for, member, make_course):
    client = client_for(member)
    counts = []
    for added in (1, 5):
        for _ in range(added):
            course = make_course(lessons=4)
            services.enrollment_create(user=member, course=course)
            services.lesson_complete(user=member, lesson=_lessons(course)[0])
        counts.append(_count(client, reverse("courses:learning")))
    assert counts[0] == counts[1] <= MAX_QUERIES


def test_cached_lesson_follows_publish_unpublish_and_move(client_for, member, make_course):
    course, other = make_course(lessons=3), make_course(lessons=2)
    lesson = _lessons(course)[1]
    client = client_for(member)
    assert client.get(lesson.url).status_code == 200

    old_url = lesson.url
    lesson.title, lesson.slug = "Budgeting for small projects", "budgeting"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert "Budgeting for small projects" in client.get(lesson.url).content.decode()

    old_url = lesson.url
    lesson.move(other, pos="last-child")
    lesson.refresh_from_db()
    assert client.get(old_url)["Location"] == lesson.url  # Wagtail's automatic redirect, not the cached page
    assert client.get(lesson.url).status_code == 200

    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404
    lesson.save_revision().publish()
    assert client.get(lesson.url).status_code == 200


def test_view_restriction_added_after_caching_applies(client_for, make_course):
    course = make_course(lessons=2)
    lesson = _lessons(course)[0]  # a free preview: anyone may read it
    visitor = client_for(None)
    assert visitor.get(lesson.url).status_code == 200
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    response = visitor.get(lesson.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_one_learners_progress_never_shows_for_another(client_for, member, user, make_course):
    course = make_course(lessons=3, quiz_on_last=False)
    lessons = _lessons(course)
    for person in (member, user):
        services.enrollment_create(user=person, course=course)
    services.lesson_complete(user=member, lesson=lessons[0])
    services.lesson_complete(user=member, lesson=lessons[1])
    mine = client_for(member).get(lessons[2].url).content.decode()
    theirs = client_for(user).get(lessons[2].url).content.decode()
    assert mine.count('class="is-done"') == 2 and "67% complete" in mine
    assert 'class="is-done"' not in theirs and "0% complete" in theirs
    learning = client_for(user).get(reverse("courses:learning")).content.decode()
    assert "0 of 3 lessons" in learning


def test_lesson_with_a_translation_stays_at_most_12_queries(client_for, member, make_course):
    from wagtail.models import Locale

    course = make_course(lessons=3)
    lesson = _lessons(course)[1]
    services.enrollment_create(user=member, course=course)
    client = client_for(member)
    alone = _count(client, lesson.url)
    japanese, _ = Locale.objects.get_or_create(language_code="ja")
    lesson.copy_for_translation(japanese, copy_parents=True).save_revision().publish()
    translated = _count(client, lesson.url)
    assert 'hreflang="ja"' in client.get(lesson.url).content.decode()
    assert translated <= alone + 1 <= MAX_QUERIES  # the links to other languages: one query


def test_lesson_body_is_rendered_once_per_revision_and_language(client_for, member, make_course, monkeypatch):
    from courses import caching

    renders = []
    original = caching.render_to_string
    monkeypatch.setattr(caching, "render_to_string", lambda *a, **k: renders.append(a) or original(*a, **k))
    course = make_course(lessons=2)
    lesson = _lessons(course)[0]  # a free preview: every signed-in reader can read it
    other = UserFactory()
    assert "Lesson text." in client_for(member).get(lesson.url).content.decode()
    assert "Lesson text." in client_for(other).get(lesson.url).content.decode()
    assert len(renders) == 1
    with translation.override("ja"):
        caching.rendered_lesson_body(lesson)
    assert len(renders) == 2

    lesson.body = [("paragraph", "<p>Revised text.</p>")]
    lesson.save_revision().publish()
    body = client_for(member).get(lesson.url).content.decode()
    assert "Revised text." in body and "Lesson text." not in body
