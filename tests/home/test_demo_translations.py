"""The demo has a Japanese page tree: real, published translations that share the English pages' records."""

import pytest
from wagtail.models import Locale, Page

from courses.demo_courses import COURSES
from courses.demo_seminars import SEMINARS
from courses.models import CoursePage, Enrollment, LessonPage, SeminarPage, SeminarSession

pytestmark = pytest.mark.django_db


def _japanese_pages():
    ja = Locale.objects.get(language_code="ja")
    return Page.objects.filter(locale=ja, alias_of__isnull=True, live=True)


def _counts():
    return (_japanese_pages().count(), Page.objects.count(), Enrollment.objects.count(), SeminarSession.objects.count())


def test_demo_loader_translates_the_public_pages_and_is_idempotent(client_for):
    from home.management.commands.load_demo_data import run_loaders

    ctx = run_loaders()
    japanese = _japanese_pages()
    first = _counts()
    lessons = sum(len(spec[9]) for spec in COURSES)
    assert japanese.type(CoursePage).count() == len(COURSES)
    assert japanese.type(LessonPage).count() == lessons
    assert japanese.type(SeminarPage).count() == len(SEMINARS)
    urls = set(japanese.values_list("url_path", flat=True))
    for slug in ("", "about/", "courses/", "seminars/", "reports/", "placement-reports/"):
        assert f"/home-ja/{slug}" in urls, slug
    assert japanese.filter(url_path__startswith="/home-ja/reports/", depth=4).exists()
    assert japanese.filter(url_path__startswith="/home-ja/placement-reports/", depth=4).exists()
    # Sessions stay on the English seminars only.
    assert not SeminarSession.objects.filter(seminar__locale__language_code="ja").exists()

    run_loaders()
    assert _counts() == first, "running the demo loader twice created duplicates"

    learner = ctx.users["learner"]
    client = client_for(learner)
    home = client.get("/ja/").content.decode()
    assert "NGOを支える4つの取り組み" in home and "NGO能力強化支援" in home
    governance = CoursePage.objects.get(slug="ngo-governance-basics", locale__language_code="ja")
    body = client.get(governance.url).content.decode()
    assert "NGOガバナンス入門" in body and "なぜガバナンスが大切なのか" in body and "元財務部長" in body
    # The demo learner finished this course in English: the Japanese page shows the same record.
    assert client.get(governance.url).context["progress"] == 100
    quiz_lesson = LessonPage.objects.child_of(governance).order_by("path").last()
    review = client.get(quiz_lesson.url).content.decode()
    assert "認定NPO法人は、事業報告書" in review
    seminar = SeminarPage.objects.get(slug="pcm-workshop-osaka", locale__language_code="ja")
    response = client.get(seminar.url)
    original = SeminarPage.objects.get(slug="pcm-workshop-osaka", locale__language_code="en")
    assert "PCM研修(大阪)" in response.content.decode()
    assert [s.pk for s in response.context["sessions"]] == list(
        original.sessions.order_by("sort_order").values_list("pk", flat=True)
    )
    assert any(s.my_registration for s in response.context["sessions"])  # the demo learner has a seat
    for url, role in ctx.created_urls:
        if url.startswith("/ja/"):
            assert client_for(ctx.users[role] if role else None).get(url).status_code == 200, url
