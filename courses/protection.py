"""What people's records course and seminar pages hold (``lms.protection``): they are never deleted with them."""

from django.utils.translation import ngettext

from .models import Enrollment, LessonCompletion, QuizAttempt, SeminarRegistration


def records_on_pages(page_ids: list[int]) -> list[str]:
    held = []
    enrollments = Enrollment.objects.filter(course_id__in=page_ids).count()
    if enrollments:
        held.append(ngettext("%(n)d course enrollment", "%(n)d course enrollments", enrollments) % {"n": enrollments})
    registrations = SeminarRegistration.objects.filter(session__seminar_id__in=page_ids).count()
    if registrations:
        held.append(
            ngettext("%(n)d seminar registration", "%(n)d seminar registrations", registrations) % {"n": registrations}
        )
    progress = (
        LessonCompletion.objects.filter(lesson_id__in=page_ids).count()
        + QuizAttempt.objects.filter(lesson_id__in=page_ids).count()
    )
    if progress:
        held.append(
            ngettext("%(n)d record of lesson progress", "%(n)d records of lesson progress", progress) % {"n": progress}
        )
    return held
