"""The issues' "done when", as a learner would click through it."""

import pytest
from django.core import mail
from django.urls import reverse

from courses.models import Certificate, LessonPage, SeminarRegistration
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_enroll_study_pass_quiz_and_verify_certificate(client_for, make_course):
    course = make_course(lessons=3, sequential=True)
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    learner = UserFactory()
    client = client_for(learner)
    client.post(reverse("courses:enroll", args=[course.pk]))
    locked = client.get(lessons[2].url).content.decode()
    assert "opens when the lessons before it are complete" in locked
    for lesson in lessons[:2]:
        page = client.get(lesson.url).content.decode()
        assert "Mark this lesson complete" in page
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    quiz_page = client.get(lessons[2].url).content.decode()
    assert 'name="q-' in quiz_page
    ids = [q["id"] for q in lessons[2].quiz_questions()]
    client.post(reverse("courses:quiz_submit", args=[lessons[2].pk]), {f"q-{ids[0]}": "0", f"q-{ids[1]}": ["0", "1"]})
    certificate = Certificate.objects.get(enrollment__user=learner)
    learning = client.get(reverse("courses:learning")).content.decode()
    assert certificate.code in learning
    assert client.get(reverse("courses:certificate_print", args=[certificate.code])).status_code == 200
    verify = client_for(None).get(reverse("courses:certificate_verify", args=[certificate.code])).content.decode()
    assert certificate.learner_name in verify and course.title in verify


def test_register_cancel_and_next_person_is_promoted(client_for, make_session, django_capture_on_commit_callbacks):
    session = make_session(capacity=1)
    first, second = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(first).post(reverse("courses:session_register", args=[session.pk]))
        client_for(second).post(reverse("courses:session_register", args=[session.pk]))
    invitation = next(m for m in mail.outbox if m.to == [first.email])
    assert any(a[2].startswith("text/calendar; method=REQUEST") for a in invitation.attachments)
    registration = SeminarRegistration.objects.get(user=first)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(first).post(reverse("courses:registration_cancel", args=[registration.pk]))
    assert SeminarRegistration.objects.get(user=second).status == "confirmed"
    assert {m.to[0] for m in mail.outbox} == {first.email, second.email}


def test_japanese_alias_pages_share_enrollment_and_seats(client_for, course, lessons, make_session):
    """Wagtail's synchronised tree makes /ja/ aliases; records must stay on the original pages."""
    from wagtail.models import Locale

    from courses.models import CoursePage, Enrollment, SeminarPage

    japanese, _ = Locale.objects.get_or_create(language_code="ja")
    alias_course = course.copy_for_translation(japanese, copy_parents=True, alias=True)
    alias_lesson = lessons[1].copy_for_translation(japanese, copy_parents=True, alias=True)
    learner = UserFactory(preferred_language="ja")
    client = client_for(learner)
    client.post(reverse("courses:enroll", args=[alias_course.pk]))
    assert Enrollment.objects.get(user=learner).course_id == course.pk
    body = client.get(alias_lesson.url).content.decode()
    assert reverse("courses:lesson_complete", args=[lessons[1].pk]) in body

    session = make_session(capacity=1)
    seminar = SeminarPage.objects.get(pk=session.seminar_id)
    alias_seminar = seminar.copy_for_translation(japanese, copy_parents=True, alias=True)
    body = client.get(alias_seminar.url).content.decode()
    assert reverse("courses:session_register", args=[session.pk]) in body
    assert CoursePage.objects.filter(alias_of=course).exists()
