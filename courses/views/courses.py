"""/learning/ and the course flow: enroll, withdraw, complete lessons, take quizzes, finish a course."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.errors import ServiceError
from lms.forms import parse_id
from lms.personal_cache import kept
from lms.translations import active_locale_id, canonical, localized

from .. import selectors, services
from ..forms import CertificateNameForm
from ..models import CoursePage, Enrollment, LessonPage
from ..translations import localize_learning


@login_required
@kept
def learning(request):
    context = selectors.learner_dashboard(request.user)
    context.update(selectors.seminar_dashboard(request.user))
    localize_learning(context, active_locale_id())
    return render(request, "courses/learning.html", context)


@login_required
@require_POST
def course_enroll(request, course_id: int):
    course = canonical(get_object_or_404(CoursePage.objects.live(), pk=course_id))
    try:
        enrollment = services.enrollment_create(user=request.user, course=course)
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect(localized(course).get_url(request))
    if enrollment.status == Enrollment.Status.PENDING:
        messages.success(request, _("Your request to enroll was sent. Programme staff will approve it."))
    else:
        messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(localized(course).get_url(request))


@login_required
@require_http_methods(["GET", "POST"])
def course_withdraw(request, course_id: int):
    """GET asks for confirmation on its own page; POST leaves the course."""
    enrollment = get_object_or_404(Enrollment.objects.select_related("course"), user=request.user, course_id=course_id)
    if request.method == "GET":
        course = localized(enrollment.course)
        return render(
            request,
            "courses/confirm.html",
            {
                "title": _("Leave %(course)s?") % {"course": course.title},
                "explanation": _("Your progress is kept: if you enroll again, you carry on where you stopped."),
                "action_url": request.path,
                "confirm_label": _("Leave the course"),
                "back_url": course.get_url(request),
                "back_label": _("Stay in the course"),
            },
        )
    services.enrollment_withdraw(enrollment=enrollment)
    messages.success(request, _("You have left the course. Your progress is kept if you enroll again."))
    return redirect("courses:learning")


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = canonical(get_object_or_404(LessonPage.objects.live(), pk=lesson_id))
    try:
        services.lesson_complete(user=request.user, lesson=lesson)
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect(localized(lesson).get_url(request))
    messages.success(request, _("Lesson complete."))
    course = services.course_for_lesson(lesson)
    if selectors.course_completed(user=request.user, course=course):
        return redirect("courses:course_complete", course_id=course.pk)
    following = lesson.get_next_siblings().live().first() or course
    return redirect(localized(following).get_url(request))


def _answers_from(post) -> dict[str, list[str]]:
    return {key[2:]: post.getlist(key) for key in post if key.startswith("q-")}


@login_required
@require_POST
def quiz_submit(request, lesson_id: int):
    lesson = canonical(get_object_or_404(LessonPage.objects.live(), pk=lesson_id))
    try:
        attempt = services.quiz_submit(user=request.user, lesson=lesson, answers=_answers_from(request.POST))
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect(localized(lesson).get_url(request) + "#quiz")
    if attempt.passed:
        messages.success(request, _("You passed with %(score)d%%.") % {"score": attempt.score})
        course = services.course_for_lesson(lesson)
        if selectors.course_completed(user=request.user, course=course):
            return redirect("courses:course_complete", course_id=course.pk)
    else:
        messages.error(
            request,
            _("You scored %(score)d%%; the pass mark is %(mark)d%%.")
            % {"score": attempt.score, "mark": lesson.quiz_pass_mark},
        )
    return redirect(f"{localized(lesson).get_url(request)}?attempt={attempt.pk}#quiz-result")


@login_required
def course_complete(request, course_id: int):
    """Shown when the last lesson is done: congratulations, and the certificate (or the name it needs)."""
    enrollment = selectors.completed_enrollment(user=request.user, course_id=course_id)
    if enrollment is None:
        raise Http404
    certificate = getattr(enrollment, "certificate", None)
    needs_name = enrollment.course.issues_certificate and (certificate is None or not certificate.learner_name)
    initial = {"name": services.certificate_name_for(request.user)}
    form = CertificateNameForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not needs_name:
            if not form.is_valid():  # nothing to change, but a refused value is said, not dropped
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
            return redirect("courses:course_complete", course_id=course_id)
        if form.is_valid():
            try:
                services.certificate_claim(enrollment=enrollment, name=form.cleaned_data["name"])
            except ServiceError as error:
                form.add_error("name", error.message_text)
            else:
                messages.success(request, _("Your certificate is ready."))
                return redirect("courses:course_complete", course_id=course_id)
    return render(
        request,
        "courses/course_complete.html",
        {
            "enrollment": enrollment,
            "course": localized(enrollment.course),
            "certificate": None if needs_name else certificate,
            "name_form": form if needs_name else None,
        },
    )


@login_required
def enrollment_requests(request):
    if not request.user.is_programme_staff:
        raise Http404
    if request.method == "POST":
        enrollment = get_object_or_404(selectors.pending_enrollments(), pk=parse_id(request.POST.get("enrollment")))
        services.enrollment_approve(enrollment=enrollment, by=request.user)
        messages.success(request, _("%(name)s is now enrolled.") % {"name": enrollment.user})
        return redirect("courses:enrollment_requests")
    return render(request, "courses/enrollment_requests.html", {"pending": selectors.pending_enrollments()})
