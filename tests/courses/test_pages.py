import pytest
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, LessonPage, SeminarIndexPage, SeminarPage
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_page_type_rules(home_page):
    assert CourseIndexPage.can_create_at(home_page)  # the home has no course index yet
    assert CourseIndexPage.parent_page_types == ["home.HomePage"]
    assert set(CourseIndexPage.allowed_subpage_models()) == {CoursePage}
    assert set(CoursePage.allowed_parent_page_models()) == {CourseIndexPage}
    assert set(CoursePage.allowed_subpage_models()) == {LessonPage}
    assert set(LessonPage.allowed_parent_page_models()) == {CoursePage}
    assert LessonPage.allowed_subpage_models() == []
    assert set(SeminarIndexPage.allowed_subpage_models()) == {SeminarPage}
    assert set(SeminarPage.allowed_parent_page_models()) == {SeminarIndexPage}
    assert CoursePage not in StandardPage.allowed_subpage_models()
    assert LessonPage not in HomePage.allowed_subpage_models()


def test_index_pages_only_once(home_page, course_index):
    assert not CourseIndexPage.can_create_at(home_page)
    assert CoursePage.can_create_at(course_index)
    assert not LessonPage.can_create_at(course_index)
    assert not CoursePage.can_create_at(home_page)
    assert not CoursePage.can_create_at(Page.objects.get(depth=1))


def test_catalogue_lists_live_courses_with_filters(client_for, course_index, make_course):
    make_course(title="Board governance basics", level="introductory")
    make_course(title="Advanced grant writing", level="advanced")
    draft = make_course(title="Unpublished course")
    draft.unpublish()
    response = client_for(None).get("/courses/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Board governance basics" in body and "Advanced grant writing" in body
    assert "Unpublished course" not in body
    body = client_for(None).get("/courses/?level=advanced").content.decode()
    assert "Advanced grant writing" in body and "Board governance basics" not in body
    body = client_for(None).get("/courses/?q=governance").content.decode()
    assert "Board governance basics" in body and "Advanced grant writing" not in body


def test_catalogue_query_count_does_not_grow(client_for, member, make_course, django_assert_max_num_queries):
    client = client_for(member)
    make_course(lessons=2)
    client.get("/courses/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get("/courses/").status_code == 200
    for _ in range(6):
        make_course(lessons=3)
    client.get("/courses/")  # lesson counts are cached: compare warm with warm
    with CaptureQueriesContext(connection) as many:
        assert client.get("/courses/").status_code == 200
    assert len(many) == len(few)
    with django_assert_max_num_queries(len(few)):
        client.get("/courses/")


def test_invalid_filters_are_ignored_not_fatal(client_for, make_course):
    make_course(title="Advanced grant writing", level="advanced")
    make_course(title="Board basics", level="introductory")
    body = client_for(None).get("/courses/?level=advanced&capacity_area=unknown").content.decode()
    assert "Advanced grant writing" in body and "Board basics" not in body
