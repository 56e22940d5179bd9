"""Real translations (what an editor makes with simple_translation): both versions live, one set of records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from courses import selectors, services
from courses.factories import SeminarPageFactory, SeminarSessionFactory, translated_quiz
from courses.models import (
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    SeminarPage,
    SeminarRegistration,
)
from lms.translations import canonical, localize_pages
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db

JA_QUIZ = [
    ("NGOの目的を定める文書はどれですか。", ["定款", "銀行の取引明細"], ""),
    ("理事会の役割はどれですか。", ["監督", "予算の承認", "日々の記帳"], "理由の説明です。"),
]


def _ja():
    return Locale.objects.get(language_code="ja")


def translate(page, **fields):
    """What an editor does: "Translate" (a draft copy in Japanese), edit, publish."""
    translation = page.copy_for_translation(_ja(), copy_parents=True, alias=False)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


@pytest.fixture
def ja_course(course, lessons):
    translated = translate(course, title="日本語のコース", summary="日本語の概要です。")
    for number, lesson in enumerate(lessons, start=1):
        fields = {"title": f"第{number}課", "body": [("paragraph", f"<p>第{number}課の本文です。</p>")]}
        if lesson.has_quiz:
            fields["quiz"] = translated_quiz(lesson, JA_QUIZ)
        translate(lesson, **fields)
    return translated


def ja_lessons(ja_course):
    return list(LessonPage.objects.child_of(ja_course).order_by("path"))


def test_translated_course_and_lessons_are_live_in_both_languages(client_for, course, ja_course):
    assert ja_course.url.startswith("/ja/") and ja_course.live and not ja_course.alias_of_id
    english = client_for(None).get(course.url).content.decode()
    japanese = client_for(None).get(ja_course.url).content.decode()
    assert course.title in english and "Lesson 1" in english and "日本語のコース" not in english
    assert "日本語のコース" in japanese and "日本語の概要です。" in japanese
    # The outline links to the Japanese lessons, with their titles.
    first = ja_lessons(ja_course)[0]
    assert f'href="{first.url}"' in japanese and "第1課" in japanese and "Lesson 1" not in japanese
    # Each version links to the other; a real translation shows no "not translated" notice.
    assert f'href="{ja_course.url}"' in english and 'hreflang="ja"' in english
    assert f'href="{course.url}"' in japanese and 'hreflang="en"' in japanese
    lesson = client_for(None).get(first.url).content.decode()
    assert "第1課の本文です。" in lesson and f'href="{ja_course.url}"' in lesson  # breadcrumb to the Japanese course


def test_canonical_resolves_translations_aliases_and_originals(course, lessons, ja_course):
    assert canonical(ja_course).pk == course.pk
    assert canonical(ja_lessons(ja_course)[1]).pk == lessons[1].pk
    assert canonical(course) is course
    only_japanese = CoursePage(title="日本語だけのコース", slug="ja-only", summary="概要", locale=_ja())
    ja_course.get_parent().add_child(instance=only_japanese)
    assert canonical(only_japanese).pk == only_japanese.pk


def test_japanese_learner_enrolls_once_and_progress_shows_in_both_languages(client_for, course, lessons, ja_course):
    learner = UserFactory(preferred_language="ja")
    client = client_for(learner)
    japanese = client.get(ja_course.url).content.decode()
    assert reverse("courses:enroll", args=[course.pk]) in japanese  # the form posts to the canonical course
    response = client.post(reverse("courses:enroll", args=[ja_course.pk]))
    client.post(reverse("courses:enroll", args=[ja_course.pk]))
    client.post(reverse("courses:enroll", args=[course.pk]))
    assert Enrollment.objects.filter(user=learner).count() == 1
    assert Enrollment.objects.get(user=learner).course_id == course.pk
    assert response["Location"].startswith("/ja/")  # back to the Japanese page

    first_ja = ja_lessons(ja_course)[0]
    page = client.get(first_ja.url).content.decode()
    assert reverse("courses:lesson_complete", args=[lessons[0].pk]) in page
    response = client.post(reverse("courses:lesson_complete", args=[first_ja.pk]))
    assert LessonCompletion.objects.get(enrollment__user=learner).lesson_id == lessons[0].pk
    assert response["Location"] == ja_lessons(ja_course)[1].url  # on to the next Japanese lesson

    outline = client.get(ja_course.url).content.decode()
    assert "33%" in outline and 'class="is-done"' in outline
    learning = client.get("/ja/learning/").content.decode()
    assert f'href="{ja_course.url}"' in learning and f'href="{ja_lessons(ja_course)[1].url}"' in learning
    learner.preferred_language = "en"  # otherwise English addresses redirect to /ja/
    learner.save()
    assert "33% complete" in client.get(course.url).content.decode()


def test_quiz_on_the_japanese_lesson_is_graded_on_the_original(client_for, course, lessons, ja_course):
    # Shuffled, with answers revealed on passing: the Japanese text is matched by question and choice.
    lessons[2].quiz_shuffle = True
    lessons[2].quiz_reveal_answers = "after_passing"
    lessons[2].save()
    learner = UserFactory(preferred_language="ja")
    client = client_for(learner)
    client.post(reverse("courses:enroll", args=[ja_course.pk]))
    quiz_ja = ja_lessons(ja_course)[2]
    page = client.get(quiz_ja.url).content.decode()
    assert "NGOの目的を定める文書はどれですか。" in page and "定款" in page
    assert reverse("courses:quiz_submit", args=[lessons[2].pk]) in page
    ids = [q["id"] for q in lessons[2].quiz_questions()]
    response = client.post(
        reverse("courses:quiz_submit", args=[quiz_ja.pk]), {f"q-{ids[0]}": "0", f"q-{ids[1]}": ["0", "1"]}
    )
    attempt = QuizAttempt.objects.get(enrollment__user=learner)
    assert attempt.lesson_id == lessons[2].pk and attempt.passed and attempt.score == 100
    assert LessonCompletion.objects.filter(enrollment__user=learner, lesson=lessons[2]).exists()
    assert response["Location"].startswith(quiz_ja.url)
    review = client.get(response["Location"]).content.decode()
    assert "理由の説明です。" in review and "予算の承認" in review


def test_a_quiz_whose_translation_differs_in_structure_falls_back_to_the_original(client_for, lessons, ja_course):
    quiz_ja = ja_lessons(ja_course)[2]
    quiz_ja.quiz = [("question", {"prompt": "別の質問", "multiple": False, "explanation": "", "choices": []})]
    quiz_ja.save_revision().publish()
    learner = UserFactory()
    client = client_for(learner)
    client.post(reverse("courses:enroll", args=[ja_course.pk]))
    page = client.get(quiz_ja.url).content.decode()
    assert "Which document sets the NGO" in page and "別の質問" not in page


def test_catalogue_and_home_count_each_course_once(client_for, course, ja_course, make_course):
    make_course(title="Untranslated course")
    learner = UserFactory()
    client = client_for(learner)
    client.post(reverse("courses:enroll", args=[ja_course.pk]))
    catalogue = client.get(ja_course.get_parent().url).content.decode()
    assert catalogue.count(ja_course.url) >= 1 and course.title not in catalogue
    english = client.get("/courses/").content.decode()
    assert "日本語のコース" not in english and course.title in english
    home = client.get("/ja/").content.decode()
    assert "日本語のコース" in home and course.title not in home
    courses = selectors.catalogue_courses(index=ja_course.get_parent(), user=learner, filters={})
    shown = {c.pk: c for c in courses}[ja_course.pk]
    assert shown.lesson_count == 3 and shown.viewer_enrollment is not None


def test_translated_pages_keep_a_constant_number_of_queries(
    client_for, make_course, course_index, django_assert_max_num_queries
):
    learner = UserFactory()
    client = client_for(learner)
    counts = {}
    for size in (2, 8):
        course = make_course(lessons=size, quiz_on_last=False)
        ja = translate(course, title=f"コース{size}")
        for lesson in LessonPage.objects.child_of(course).order_by("path"):
            translate(lesson, title=f"{lesson.title}(日本語)")
        services.enrollment_create(user=learner, course=course)
        lesson = ja_lessons(ja)[1]
        client.get(ja.url)
        with CaptureQueriesContext(connection) as course_queries:
            assert client.get(ja.url).status_code == 200
        with CaptureQueriesContext(connection) as lesson_queries:
            assert client.get(lesson.url).status_code == 200
        counts[size] = (len(course_queries), len(lesson_queries))
    assert counts[8] == counts[2]
    with django_assert_max_num_queries(counts[2][1]):
        client.get(lesson.url)


@pytest.fixture
def seminar(seminar_index):
    seminar = SeminarPageFactory(parent=seminar_index, title="Accounting seminar")
    SeminarSessionFactory(seminar=seminar, capacity=1)
    return seminar


def test_translated_seminar_shows_and_fills_the_canonical_sessions(client_for, seminar):
    session = seminar.sessions.get()
    ja_seminar = translate(seminar, title="会計セミナー")
    assert not ja_seminar.sessions.exists()  # sessions are never copied into a translation
    japanese = client_for(None).get(ja_seminar.url).content.decode()
    assert "会計セミナー" in japanese and f'id="session-{session.pk}"' in japanese

    first, second = UserFactory(preferred_language="ja"), UserFactory()
    client = client_for(first)
    page = client.get(ja_seminar.url).content.decode()
    assert reverse("courses:session_register", args=[session.pk]) in page
    response = client.post(reverse("courses:session_register", args=[session.pk]))
    assert response["Location"].startswith(ja_seminar.url)
    client_for(second).post(reverse("courses:session_register", args=[session.pk]))
    statuses = dict(SeminarRegistration.objects.values_list("user_id", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "waitlisted"}  # one seat, never two
    assert "1 of 1 taken" in client_for(None).get(seminar.url).content.decode()
    shown = client_for(None).get(ja_seminar.url).context["sessions"]
    assert [(s.pk, s.confirmed_count, s.waitlist_count) for s in shown] == [(session.pk, 1, 1)]
    learning = client.get("/ja/learning/").content.decode()
    assert f'href="{ja_seminar.url}"' in learning and "会計セミナー" in learning
    listing = client_for(None).get(ja_seminar.get_parent().url).content.decode()
    assert "会計セミナー" in listing and "Accounting seminar" not in listing


def test_sessions_left_on_a_translation_are_ignored_everywhere(client_for, seminar):
    """Converting an alias keeps its copied sessions: they never take registrations or show up."""
    from courses.selectors import upcoming_sessions

    ja_seminar = translate(seminar, title="会計セミナー")
    stray = SeminarSessionFactory(seminar=ja_seminar, capacity=50, venue="Copied venue")
    assert [s.pk for s in upcoming_sessions(limit=10)] == [seminar.sessions.get().pk]
    body = client_for(None).get(ja_seminar.url).content.decode()
    assert "Copied venue" not in body
    response = client_for(UserFactory()).post(reverse("courses:session_register", args=[stray.pk]))
    assert response.status_code == 404
    staff = UserFactory(is_superuser=True)
    assert client_for(staff).get(reverse("courses:session_roster", args=[stray.pk])).status_code == 404


def test_seminar_translation_can_be_published_without_sessions_in_the_admin(seminar):
    from courses.models.seminars import SeminarPageForm

    ja_seminar = translate(seminar, title="会計セミナー")
    form_class = SeminarPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, SeminarPageForm)
    form = form_class(instance=ja_seminar, for_user=UserFactory(is_superuser=True))
    assert form.formsets["sessions"].min_num == 0
    original = form_class(instance=seminar, for_user=UserFactory(is_superuser=True))
    assert original.formsets["sessions"].min_num == 1


def test_localize_pages_prefers_a_translation_to_an_alias(course, lessons):
    ja = _ja()
    alias = lessons[0].copy_for_translation(ja, copy_parents=True, alias=True)
    found = localize_pages(lessons, ja.pk)
    assert found[lessons[0].pk].pk == alias.pk and lessons[1].pk not in found


def test_a_page_without_a_japanese_version_falls_back_to_the_original(client_for, course, lessons):
    ja_course = translate(course, title="日本語のコース")
    response = client_for(None).get(f"{ja_course.url}{lessons[0].slug}/")
    assert response.status_code == 200 and response.context["page"].pk == lessons[0].pk
    assert "callout--note" in response.content.decode()  # "not translated into your language yet"
    assert client_for(None).get(f"{ja_course.url}no-such-lesson/").status_code == 404


def test_an_editor_translates_a_course_in_the_admin_and_both_versions_go_live(client_for, course, lessons):
    from django.contrib.auth.models import Group

    editor = UserFactory(groups=["Editors"])
    assert editor.has_perm("simple_translation.submit_translation")
    client = client_for(editor)
    # Wagtail translates a page under a translated parent: the home page and the catalogue first.
    for page in (course.get_parent().get_parent(), course.get_parent()):
        if not page.has_translation(_ja()):
            url = reverse("simple_translation:submit_page_translation", args=[page.pk])
            assert client.post(url, {"locales": [_ja().pk]}).status_code == 302
    url = reverse("simple_translation:submit_page_translation", args=[course.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [_ja().pk], "include_subtree": "on"})
    assert response.status_code == 302
    ja_course = CoursePage.objects.get(translation_key=course.translation_key, locale=_ja())
    assert LessonPage.objects.child_of(ja_course).count() == len(lessons)
    # The editor writes the Japanese text; a moderator publishes it (the review before publishing).
    moderator = UserFactory(groups=["Moderators"])
    for page in (course.get_parent().get_parent(), course.get_parent()):
        page.get_translation(_ja()).save_revision(user=editor).publish(user=moderator)
    ja_course.title = "日本語のコース"
    ja_course.save_revision(user=editor).publish(user=moderator)
    assert Group.objects.get(name="Moderators").permissions.filter(codename="submit_translation").exists()
    visitor = client_for(None)
    assert visitor.get(course.url).status_code == 200
    japanese = visitor.get(CoursePage.objects.get(pk=ja_course.pk).url)
    assert japanese.status_code == 200 and "日本語のコース" in japanese.content.decode()


def test_a_japanese_lesson_page_stays_within_12_queries(client_for, make_course):
    learner = UserFactory(preferred_language="ja")
    course = make_course(lessons=3, quiz_on_last=False)
    ja = translate(course, title="コース")
    for lesson in LessonPage.objects.child_of(course).order_by("path"):
        translate(lesson, title=f"{lesson.title}(日本語)")
    services.enrollment_create(user=learner, course=course)
    client = client_for(learner)
    url = ja_lessons(ja)[1].url
    client.get(url)  # warm the caches, as a running server's are
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 12, "\n".join(q["sql"][q["sql"].find(" FROM ") :][:260] for q in queries.captured_queries)
