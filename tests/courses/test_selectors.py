"""What the progress and home apps read from courses: aggregated in the database."""

import pytest
from django.utils import timezone

from courses import services
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db


def complete(user, course):
    from courses.models import LessonPage

    services.enrollment_create(user=user, course=course)
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    for lesson in lessons:
        services.lesson_complete(user=user, lesson=lesson)


def test_home_highlights_on_the_home_page(client_for, make_course, make_session):
    make_course(title="Accounting for small NGOs")
    session = make_session()
    response = client_for(None).get("/")
    body = response.content.decode()
    assert "Accounting for small NGOs" in body
    assert session.seminar.title in body
    assert UserFactory()


def test_home_highlights_in_japanese_link_and_date_in_japanese(client_for, make_course, make_session):
    from django.utils.formats import date_format
    from django.utils.translation import override

    course = make_course(title="Accounting for small NGOs")
    session = make_session()
    body = client_for(None).get("/ja/").content.decode()
    assert f'href="/ja{course.url}"' in body
    assert f'href="/ja{session.seminar.url}"' in body
    with override("ja"):
        assert date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT") in body
    assert timezone.localtime(session.starts_at).strftime("%Y-%m-%d") not in body
