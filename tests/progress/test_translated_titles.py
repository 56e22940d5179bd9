"""The dashboard's course and seminar titles are in the reader's language, at no extra query per page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from courses.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    EnrollmentFactory,
    SeminarIndexPageFactory,
    SeminarPageFactory,
    SeminarRegistrationFactory,
    SeminarSessionFactory,
)
from courses.models import SeminarRegistration
from organizations.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def translate(page, title):
    translation = page.copy_for_translation(Locale.objects.get(language_code="ja"), copy_parents=True, alias=False)
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def activity(home_page, organization):
    """One course completed and one seminar attended by a member, both pages translated."""
    member = MembershipFactory(organization=organization).user
    courses = CourseIndexPageFactory(parent=home_page)
    seminars = SeminarIndexPageFactory(parent=home_page)

    def add(number: int) -> None:
        course = CoursePageFactory(parent=courses, title=f"Accounting basics {number}")
        translate(course, f"会計の基礎{number}")
        EnrollmentFactory(
            course=course, user=member, organization=organization, completed_at=timezone.now() - timedelta(days=3)
        )
        seminar = SeminarPageFactory(parent=seminars, title=f"Grant writing day {number}")
        translate(seminar, f"助成金申請セミナー{number}")
        session = SeminarSessionFactory(seminar=seminar, starts_at=timezone.now() - timedelta(days=number))
        SeminarRegistrationFactory(
            session=session,
            user=member,
            organization=organization,
            status=SeminarRegistration.Status.CONFIRMED,
            attended=True,
        )

    return add


def _dashboard(client, organization, language: str) -> tuple[str, int]:
    with translation.override(language):
        url = reverse("progress:organization", kwargs={"slug": organization.slug}) + "?fy=all"
    client.get(url)  # warm the session, site and title caches alike in both languages
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_japanese_reader_sees_japanese_titles_and_english_reader_english(client_for, organization, manager, activity):
    activity(1)
    client = client_for(manager)
    japanese, _count = _dashboard(client, organization, "ja")
    # Course table, seminar table and timeline ("…を修了", "…に出席").
    assert japanese.count("会計の基礎1") >= 2 and japanese.count("助成金申請セミナー1") >= 2
    assert "Accounting basics 1" not in japanese and "Grant writing day 1" not in japanese
    english, _count = _dashboard(client, organization, "en")
    assert english.count("Accounting basics 1") >= 2 and english.count("Grant writing day 1") >= 2
    assert "会計の基礎1" not in english and "助成金申請セミナー1" not in english


def test_titles_cost_no_query_per_page(client_for, organization, manager, activity):
    activity(1)
    client = client_for(manager)
    _html, english = _dashboard(client, organization, "en")
    _html, japanese = _dashboard(client, organization, "ja")
    activity(2)
    activity(3)
    html, japanese_more = _dashboard(client, organization, "ja")
    assert "会計の基礎3" in html and "助成金申請セミナー3" in html
    assert japanese == english  # the titles come from the cache once warm
    assert japanese_more == japanese


def test_titles_follow_a_newly_published_translation(client_for, organization, manager, activity, home_page):
    activity(1)
    client = client_for(manager)
    _dashboard(client, organization, "ja")
    from courses.models import CoursePage

    translation = CoursePage.objects.get(title="会計の基礎1")
    translation.title = "会計のきほん"
    translation.save_revision().publish()
    html, _count = _dashboard(client, organization, "ja")
    assert "会計のきほん" in html and "会計の基礎1" not in html
