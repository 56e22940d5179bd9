import pytest

from courses import services
from courses.models import Certificate, Enrollment, LessonCompletion, QuizAttempt
from lms.errors import ServiceError
from organizations.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

RIGHT = {0: ["0"], 1: ["0", "1"]}  # answers to SAMPLE_QUIZ by question position


def answers(lesson, by_position):
    ids = [q["id"] for q in lesson.quiz_questions()]
    return {ids[pos]: values for pos, values in by_position.items()}


def test_enroll_is_idempotent_and_records_organization(member, organization, course):
    first = services.enrollment_create(user=member, course=course)
    again = services.enrollment_create(user=member, course=course)
    assert first.pk == again.pk
    assert first.status == Enrollment.Status.ACTIVE
    assert first.organization == organization
    assert Enrollment.objects.count() == 1


def test_enrollment_limited_to_organizations(make_course, member, organization):
    course = make_course(enrollment_mode="organizations")
    other = OrganizationFactory()
    course.allowed_organizations.add(other)
    course.save()
    with pytest.raises(ServiceError):
        services.enrollment_create(user=member, course=course)
    assert not Enrollment.objects.exists()
    MembershipFactory(user=member, organization=other)
    enrollment = services.enrollment_create(user=member, course=course)
    assert enrollment.organization == other


def test_enrollment_by_approval(make_course, member, programme_staff):
    course = make_course(enrollment_mode="approval")
    enrollment = services.enrollment_create(user=member, course=course)
    assert enrollment.status == Enrollment.Status.PENDING
    with pytest.raises(ServiceError):
        services.enrollment_approve(enrollment=enrollment, by=member)
    services.enrollment_approve(enrollment=enrollment, by=programme_staff)
    enrollment.refresh_from_db()
    assert enrollment.is_active


def test_completion_requires_enrollment_and_is_idempotent(member, course, lessons):
    with pytest.raises(ServiceError):
        services.lesson_complete(user=member, lesson=lessons[0])
    services.enrollment_create(user=member, course=course)
    services.lesson_complete(user=member, lesson=lessons[0])
    services.lesson_complete(user=member, lesson=lessons[0])
    assert LessonCompletion.objects.count() == 1


def test_lesson_with_quiz_is_completed_by_passing(member, course, lessons):
    services.enrollment_create(user=member, course=course)
    with pytest.raises(ServiceError):
        services.lesson_complete(user=member, lesson=lessons[2])


def test_sequential_locking(make_course, member):
    from courses.models import LessonPage

    course = make_course(sequential=True)
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    services.enrollment_create(user=member, course=course)
    with pytest.raises(ServiceError, match="Lesson 1"):
        services.lesson_complete(user=member, lesson=lessons[1])
    services.lesson_complete(user=member, lesson=lessons[0])
    services.lesson_complete(user=member, lesson=lessons[1])
    with pytest.raises(ServiceError):
        services.quiz_submit(user=member, lesson=lessons[0], answers={})
    assert LessonCompletion.objects.count() == 2


def test_quiz_scoring_and_course_completion_issue_certificate(
    member, course, lessons, mailoutbox, django_capture_on_commit_callbacks
):
    services.enrollment_create(user=member, course=course)
    services.lesson_complete(user=member, lesson=lessons[0])
    services.lesson_complete(user=member, lesson=lessons[1])
    failed = services.quiz_submit(user=member, lesson=lessons[2], answers=answers(lessons[2], {0: ["1"], 1: ["0"]}))
    assert (failed.score, failed.passed, failed.number) == (0, False, 1)
    half = services.quiz_submit(user=member, lesson=lessons[2], answers=answers(lessons[2], {0: ["0"], 1: ["0"]}))
    assert (half.score, half.passed) == (50, False)
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        passed = services.quiz_submit(user=member, lesson=lessons[2], answers=answers(lessons[2], RIGHT))
    assert (passed.score, passed.passed, passed.number) == (100, True, 3)
    with pytest.raises(ServiceError, match="already passed"):
        services.quiz_submit(user=member, lesson=lessons[2], answers=answers(lessons[2], RIGHT))
    enrollment = Enrollment.objects.get()
    assert enrollment.completed_at is not None
    certificate = Certificate.objects.get()
    assert len(certificate.code) >= 22
    assert certificate.course_title == course.title
    assert any(certificate.code in m.body for m in mailoutbox)


def test_attempt_limit_and_tampering_change_nothing(member, course, lessons):
    lesson = lessons[2]
    lesson.quiz_max_attempts = 1
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    services.enrollment_create(user=member, course=course)
    ids = [q["id"] for q in lesson.quiz_questions()]
    bad = [
        {ids[0]: ["0"]},  # missing answer
        {ids[0]: ["0"], ids[1]: ["0"], "not-a-question": ["1"]},  # tampered question id
        {ids[0]: ["7"], ids[1]: ["0"]},  # choice out of range
        {ids[0]: ["x"], ids[1]: ["0"]},  # not a number
        {ids[0]: ["0", "1"], ids[1]: ["0"]},  # two answers to a single-choice question
    ]
    for submission in bad:
        with pytest.raises(ServiceError):
            services.quiz_submit(user=member, lesson=lesson, answers=submission)
    assert not QuizAttempt.objects.exists()
    services.quiz_submit(user=member, lesson=lesson, answers=answers(lesson, {0: ["1"], 1: ["2"]}))
    with pytest.raises(ServiceError, match="all 1 attempts"):
        services.quiz_submit(user=member, lesson=lesson, answers=answers(lesson, RIGHT))
    assert QuizAttempt.objects.count() == 1
    assert not LessonCompletion.objects.filter(lesson=lesson).exists()


def test_certificate_revoke_and_reinstate(member, programme_staff, course, lessons):
    enrollment = services.enrollment_create(user=member, course=course)
    for lesson in lessons[:2]:
        services.lesson_complete(user=member, lesson=lesson)
    services.quiz_submit(user=member, lesson=lessons[2], answers=answers(lessons[2], RIGHT))
    certificate = Certificate.objects.get(enrollment=enrollment)
    with pytest.raises(ServiceError):
        services.certificate_revoke(certificate=certificate, by=member, reason="no")
    with pytest.raises(ServiceError):
        services.certificate_revoke(certificate=certificate, by=programme_staff, reason=" ")
    services.certificate_revoke(certificate=certificate, by=programme_staff, reason="Issued in error")
    assert not Certificate.objects.get().is_valid
    services.certificate_reinstate(certificate=certificate, by=programme_staff)
    assert Certificate.objects.get().is_valid


def test_optional_lessons_do_not_block_completion(make_course, member):
    from courses.models import LessonPage

    course = make_course(lessons=2, quiz_on_last=False)
    first, second = LessonPage.objects.child_of(course).order_by("path")
    second.is_required = False
    second.save_revision().publish()
    services.enrollment_create(user=member, course=course)
    services.lesson_complete(user=member, lesson=first)
    assert Enrollment.objects.get().completed_at is not None
    assert UserFactory()  # another learner is unaffected
