"""Titles of pages reached through records (emails, /learning/) are in the reader's language."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from courses import services
from courses.factories import EnrollmentFactory, SeminarPageFactory, SeminarSessionFactory
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db


def translate(page, title):
    translation = page.copy_for_translation(Locale.objects.get(language_code="ja"), copy_parents=True, alias=False)
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def ja_session(seminar_index):
    seminar = SeminarPageFactory(parent=seminar_index, title="Grant writing clinic")
    translate(seminar, "助成金申請クリニック")
    return SeminarSessionFactory(seminar=seminar, title="")


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [("ja", "助成金申請クリニック", "Grant writing clinic"), ("en", "Grant writing clinic", "助成金申請クリニック")],
)
def test_seminar_emails_name_the_seminar_in_the_recipients_language(
    ja_session, django_capture_on_commit_callbacks, language, shown, hidden
):
    user = UserFactory(preferred_language=language)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(session=ja_session, user=user)
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    assert shown in message.subject and shown in message.body
    assert hidden not in message.subject and hidden not in message.body


def test_seminar_page_numbers_untitled_sessions_in_the_readers_language(client_for, ja_session):
    SeminarSessionFactory(seminar=ja_session.seminar, title="", starts_at=ja_session.starts_at.replace(year=2099))
    japanese = client_for(None).get("/ja" + ja_session.seminar.url).content.decode()
    assert "第1回" in japanese and "第2回" in japanese
    english = client_for(None).get(ja_session.seminar.url).content.decode()
    assert "Session 1" in english and "Session 2" in english


def _learning(client) -> tuple[str, int]:
    client.get("/ja/learning/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ja/learning/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_learning_page_shows_course_titles_in_japanese_at_a_fixed_cost(client_for, make_course):
    learner = UserFactory(preferred_language="ja")
    client = client_for(learner)

    def enroll(number):
        course = make_course(lessons=1, title=f"Budgeting {number}")
        translate(course, f"予算づくり{number}")
        EnrollmentFactory(course=course, user=learner)

    enroll(1)
    html, one = _learning(client)
    assert "予算づくり1" in html and "Budgeting 1" not in html
    enroll(2)
    enroll(3)
    html, three = _learning(client)
    assert "予算づくり3" in html and "Budgeting" not in html
    assert three == one
