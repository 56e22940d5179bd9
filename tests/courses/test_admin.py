"""Editors can build courses and seminars in the Wagtail admin, and preview them."""

import pytest
from django.urls import reverse

from courses.factories import SAMPLE_QUIZ, SeminarPageFactory, SeminarSessionFactory, quiz_data
from courses.models import CoursePage, LessonPage, SeminarPage
from organizations.factories import UserFactory
from organizations.models import ProgrammeRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(groups=[ProgrammeRole.EDITORS])


def test_editor_opens_add_and_edit_forms(client_for, editor, course, lessons, course_index, make_session):
    client = client_for(editor)
    session = make_session()
    for model, parent in (
        ("coursepage", course_index),
        ("lessonpage", course),
        ("seminarpage", session.seminar.get_parent()),
    ):
        url = reverse("wagtailadmin_pages:add", args=["courses", model, parent.pk])
        assert client.get(url).status_code == 200, model
    for page in (course, lessons[-1], session.seminar, course_index):
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_previews_render(course, lessons, make_session):
    lesson = LessonPage.objects.get(pk=lessons[-1].pk)
    for page in (CoursePage.objects.get(pk=course.pk), lesson, SeminarPage.objects.get(pk=make_session().seminar_id)):
        response = page.make_preview_request()
        assert response.status_code == 200
    body = lesson.make_preview_request().content.decode()
    assert "Which are board duties?" in body and "Why." not in body


def test_preview_of_unsaved_pages(course_index, course, seminar_index):
    new_course = CoursePage(title="Draft course", slug="draft-course", summary="Draft")
    new_course.depth = course_index.depth + 1
    new_course.path = course_index.path + "9999"
    new_course.set_url_path(course_index)
    assert new_course.make_preview_request().status_code == 200
    new_lesson = LessonPage(title="Draft lesson", slug="draft", quiz=quiz_data(SAMPLE_QUIZ))
    new_lesson.depth = course.depth + 1
    new_lesson.path = course.path + "9999"
    assert new_lesson.make_preview_request().status_code == 200
    seminar = SeminarPageFactory.build(title="Draft seminar", slug="draft-seminar")
    seminar.depth = seminar_index.depth + 1
    seminar.path = seminar_index.path + "9999"
    seminar.sessions = [SeminarSessionFactory.build(seminar=None)]
    assert seminar.make_preview_request().status_code == 200


def test_learning_record_viewsets_list_for_superusers(client_for, member, course, make_session):
    from courses import services

    services.enrollment_create(user=member, course=course)
    services.registration_create(session=make_session(), user=member)
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(admin)
    for name in ("enrollment", "certificate", "seminarregistration", "sessionfeedback"):
        response = client.get(reverse(f"{name}:index"))
        assert response.status_code == 200, name
