"""What courses and seminars give the personal home (registered in AppConfig.ready).

The learner's courses and seats are read once per request (the needs and progress providers
share them) with the same selectors as My learning, so both pages tell the same story.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.home import Figure, Need, Tool, programme_queue
from lms.translations import active_locale_id

from .models import Enrollment
from .selectors import learner_dashboard, seminar_dashboard
from .translations import localize_learning


def _learning(user) -> dict:
    cached = getattr(user, "_lms_learning", None)
    if cached is None:
        cached = learner_dashboard(user)
        cached.update(seminar_dashboard(user))
        localize_learning(cached, active_locale_id())
        user._lms_learning = cached
    return cached


def tools(user):
    yield Tool(
        key="learning",
        label=_("My learning"),
        url=reverse("courses:learning"),
        description=_("Your courses, seminar seats and certificates"),
        order=10,
    )
    if user.is_programme_staff:
        yield Tool(
            key="enrollment-requests",
            label=_("Enrollment requests"),
            url=reverse("courses:enrollment_requests"),
            order=75,
            header=False,
        )


def needs(user):
    learning = _learning(user)
    for enrollment in learning["in_progress"]:
        course = enrollment.shown_course
        if enrollment.status == Enrollment.Status.PENDING:
            yield Need(
                group=_("Your courses"),
                title=course.title,
                url=course.url or reverse("courses:learning"),
                detail=_("Waiting for approval"),
                order=30,
            )
            continue
        lesson = getattr(enrollment, "next_lesson", None)
        yield Need(
            group=_("Your courses"),
            title=_("Resume %(course)s") % {"course": course.title},
            url=(lesson or course).url or reverse("courses:learning"),
            detail=_("Next: %(lesson)s · %(done)s of %(total)s lessons done")
            % {"lesson": lesson.title, "done": enrollment.lesson_done, "total": enrollment.lesson_total}
            if lesson
            else "",
            order=30,
        )
    for registration in learning["past_registrations"]:
        if registration.can_give_feedback:
            yield Need(
                group=_("Seminars"),
                title=_("Give feedback on %(seminar)s") % {"seminar": registration.shown_seminar.title},
                url=reverse("courses:registration_feedback", args=[registration.pk]),
                when=registration.session.starts_at,
                order=35,
            )
    now = timezone.now()
    for registration in learning["upcoming_registrations"]:
        if registration.status == "waitlisted" and registration.session.starts_at > now:
            yield Need(
                group=_("Seminars"),
                title=registration.shown_seminar.title,
                url=registration.shown_seminar.url or reverse("courses:learning"),
                when=registration.session.starts_at,
                detail=_("On the waitlist"),
                order=35,
            )
    if user.is_programme_staff:
        yield from programme_queue(
            title=_("Course enrollment requests"),
            url=reverse("courses:enrollment_requests"),
            count=Enrollment.objects.filter(status=Enrollment.Status.PENDING).count(),
        )


def progress(user):
    learning = _learning(user)
    active = [e for e in learning["in_progress"] if e.status == Enrollment.Status.ACTIVE]
    learning_url = reverse("courses:learning")
    if not (active or learning["completed"] or learning["upcoming_registrations"] or learning["past_registrations"]):
        return
    yield Figure(label=_("Courses in progress"), value=str(len(active)), url=learning_url, order=10)
    yield Figure(label=_("Courses completed"), value=str(len(learning["completed"])), url=learning_url, order=11)
    yield Figure(label=_("Certificates"), value=str(len(learning["certificates"])), url=learning_url, order=12)
    attended = [r for r in learning["past_registrations"] if r.attended]
    yield Figure(label=_("Seminar sessions attended"), value=str(len(attended)), url=learning_url, order=13)
