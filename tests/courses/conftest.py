import pytest

from courses.factories import (
    SAMPLE_QUIZ,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    quiz_data,
)


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def make_course(course_index):
    def make(lessons: int = 3, quiz_on_last: bool = True, **kwargs):
        course = CoursePageFactory(parent=course_index, **kwargs)
        for i in range(lessons):
            extra = {}
            if quiz_on_last and i == lessons - 1:
                extra["quiz"] = quiz_data(SAMPLE_QUIZ)
            LessonPageFactory(parent=course, title=f"Lesson {i + 1}", is_preview=(i == 0), **extra)
        return course

    return make


@pytest.fixture
def course(make_course):
    return make_course()


@pytest.fixture
def lessons(course):
    from courses.models import LessonPage

    return list(LessonPage.objects.child_of(course).order_by("path"))


@pytest.fixture
def seminar_index(home_page):
    from courses.factories import SeminarIndexPageFactory

    return SeminarIndexPageFactory(parent=home_page)


@pytest.fixture
def make_session(seminar_index):
    from courses.factories import SeminarPageFactory, SeminarSessionFactory

    def make(seminar=None, **kwargs):
        seminar = seminar or SeminarPageFactory(parent=seminar_index)
        return SeminarSessionFactory(seminar=seminar, **kwargs)

    return make


@pytest.fixture
def session(make_session):
    return make_session(capacity=2)
