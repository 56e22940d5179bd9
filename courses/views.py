"""Thin views: parse input, check who is asking, call one service, redirect or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError

from . import selectors, services
from .forms import RevokeCertificateForm
from .models import CoursePage, Enrollment, LessonPage


@login_required
def learning(request):
    context = selectors.learner_dashboard(request.user)
    context.update(selectors.seminar_dashboard(request.user))
    return render(request, "courses/learning.html", context)


@login_required
@require_POST
def course_enroll(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrollment = services.enrollment_create(user=request.user, course=course)
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect(course.get_url(request))
    if enrollment.status == Enrollment.Status.PENDING:
        messages.success(request, _("Your request to enroll was sent. Programme staff will approve it."))
    else:
        messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(course.get_url(request))


@login_required
@require_POST
def course_withdraw(request, course_id: int):
    enrollment = get_object_or_404(Enrollment, user=request.user, course_id=course_id)
    services.enrollment_withdraw(enrollment=enrollment)
    messages.success(request, _("You have left the course. Your progress is kept if you enroll again."))
    return redirect("courses:learning")


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        services.lesson_complete(user=request.user, lesson=lesson)
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect(lesson.get_url(request))
    following = lesson.get_next_siblings().live().first()
    messages.success(request, _("Lesson complete."))
    return redirect(following.get_url(request) if following else services.course_for_lesson(lesson).get_url(request))


def _answers_from(post) -> dict[str, list[str]]:
    return {key[2:]: post.getlist(key) for key in post if key.startswith("q-")}


@login_required
@require_POST
def quiz_submit(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        attempt = services.quiz_submit(user=request.user, lesson=lesson, answers=_answers_from(request.POST))
    except ServiceError as error:
        messages.error(request, error.message_text)
        return redirect(lesson.get_url(request) + "#quiz")
    if attempt.passed:
        messages.success(request, _("You passed with %(score)d%%.") % {"score": attempt.score})
    else:
        messages.error(
            request,
            _("You scored %(score)d%%; the pass mark is %(mark)d%%.")
            % {"score": attempt.score, "mark": lesson.quiz_pass_mark},
        )
    return redirect(f"{lesson.get_url(request)}?attempt={attempt.pk}#quiz-result")


def certificate_verify(request, code: str):
    """Public: anyone holding the link can check that a certificate is genuine."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    can_manage = request.user.is_authenticated and request.user.is_programme_staff
    return render(
        request,
        "courses/certificate_verify.html",
        {"certificate": certificate, "can_manage": can_manage, "revoke_form": RevokeCertificateForm()},
    )


@login_required
def certificate_print(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    if certificate.enrollment.user_id != request.user.pk and not request.user.is_programme_staff:
        raise Http404
    return render(request, "courses/certificate_print.html", {"certificate": certificate})


@login_required
@require_POST
def certificate_revoke(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None or not request.user.is_programme_staff:
        raise Http404
    form = RevokeCertificateForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(_("Give a reason for revoking the certificate."))
        services.certificate_revoke(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The certificate was revoked."))
    except ServiceError as error:
        messages.error(request, error.message_text)
    return redirect(certificate.get_absolute_url())


@login_required
@require_POST
def certificate_reinstate(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if certificate is None or not request.user.is_programme_staff:
        raise Http404
    services.certificate_reinstate(certificate=certificate, by=request.user)
    messages.success(request, _("The certificate is valid again."))
    return redirect(certificate.get_absolute_url())


@login_required
def enrollment_requests(request):
    if not request.user.is_programme_staff:
        raise Http404
    if request.method == "POST":
        enrollment = get_object_or_404(selectors.pending_enrollments(), pk=request.POST.get("enrollment"))
        services.enrollment_approve(enrollment=enrollment, by=request.user)
        messages.success(request, _("%(name)s is now enrolled.") % {"name": enrollment.user})
        return redirect("courses:enrollment_requests")
    return render(request, "courses/enrollment_requests.html", {"pending": selectors.pending_enrollments()})
