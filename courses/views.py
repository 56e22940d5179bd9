"""Thin views: parse input, check who is asking, call one service, redirect or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.errors import ServiceError
from lms.exports import csv_response
from lms.forms import parse_id
from lms.translations import active_locale_id, canonical_q, localized
from organizations.models import Membership, Organization

from . import selectors, services
from .forms import (
    CertificateLookupForm,
    CertificateNameForm,
    FeedbackForm,
    RevokeCertificateForm,
    SessionMessageForm,
)
from .models import CoursePage, Enrollment, LessonPage, SeminarRegistration, SeminarSession
from .translations import localize_learning


@login_required
def learning(request):
    context = selectors.learner_dashboard(request.user)
    context.update(selectors.seminar_dashboard(request.user))
    localize_learning(context, active_locale_id())
    return render(request, "courses/learning.html", context)


@login_required
@require_POST
def course_enroll(request, course_id: int):
    course = selectors.canonical(get_object_or_404(CoursePage.objects.live(), pk=course_id))
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
    lesson = selectors.canonical(get_object_or_404(LessonPage.objects.live(), pk=lesson_id))
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
    lesson = selectors.canonical(get_object_or_404(LessonPage.objects.live(), pk=lesson_id))
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


def certificate_lookup(request):
    """Public: /certificates/?code=... finds a certificate by the code printed on it (a GET form)."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        certificate = selectors.certificate_by_code(form.cleaned_data["code"])
        if certificate is not None:
            return redirect(certificate.get_absolute_url())
        form.add_error("code", _("No certificate has this code. Check it against the printed certificate."))
    return render(request, "courses/certificate_lookup.html", {"form": form})


@login_required
def certificate_pdf(request, code: str):
    """The certificate as an A4 PDF, for the learner it names and programme staff."""
    from .certificate_pdf import certificate_pdf as render_pdf

    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    if certificate.enrollment.user_id != request.user.pk and not request.user.is_programme_staff:
        raise Http404
    verify_url = request.build_absolute_uri(certificate.get_absolute_url())
    response = HttpResponse(render_pdf(certificate, verify_url=verify_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


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
        enrollment = get_object_or_404(selectors.pending_enrollments(), pk=parse_id(request.POST.get("enrollment")))
        services.enrollment_approve(enrollment=enrollment, by=request.user)
        messages.success(request, _("%(name)s is now enrolled.") % {"name": enrollment.user})
        return redirect("courses:enrollment_requests")
    return render(request, "courses/enrollment_requests.html", {"pending": selectors.pending_enrollments()})


# --- seminars -----------------------------------------------------------------------------------


@login_required
@require_POST
def session_register(request, session_id: int):
    """Register yourself, or (as a manager) a member of your organization."""
    # Only the canonical page's sessions take registrations; copies on aliases or translations never do.
    session = get_object_or_404(
        SeminarSession.objects.select_related("seminar").filter(canonical_q("seminar")),
        pk=session_id,
        seminar__live=True,
    )
    participant = request.user
    organization = None
    if request.POST.get("organization"):
        organization = Organization.objects.filter(pk=parse_id(request.POST["organization"])).first()
        if organization is None:
            raise Http404
    if request.POST.get("membership"):
        # A manager registering a member: the membership names both the person and the organization.
        membership = get_object_or_404(
            Membership.objects.select_related("user", "organization"), pk=parse_id(request.POST["membership"])
        )
        participant, organization = membership.user, membership.organization
    try:
        registration = services.registration_create(
            session=session, user=participant, registered_by=request.user, organization=organization
        )
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        if registration.is_confirmed:
            messages.success(
                request, _("%(name)s has a confirmed seat. An invitation was sent by email.") % {"name": participant}
            )
        else:
            messages.success(
                request,
                _("The session is full: %(name)s is on the waitlist and will be told by email if a seat frees up.")
                % {"name": participant},
            )
    return redirect(localized(session.seminar).get_url(request) + f"#session-{session.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request, registration_id: int):
    """GET asks for confirmation on its own page (a seat given up may go to the waitlist); POST cancels."""
    registration = get_object_or_404(
        SeminarRegistration.objects.select_related("session__seminar", "user"), pk=registration_id
    )
    if not services.can_cancel_registration(registration=registration, user=request.user):
        raise Http404
    if request.method == "GET":
        return _confirm_cancel(request, registration)
    try:
        services.registration_cancel(registration=registration, by=request.user)
        messages.success(request, _("The registration is cancelled."))
    except ServiceError as error:
        messages.error(request, error.message_text)
    if _safe_next(request):
        return HttpResponseRedirect(request.POST["next"])  # redirect() would take "x" for a view name
    return redirect(localized(registration.session.seminar).get_url(request))


def _confirm_cancel(request, registration):
    from django.utils.formats import date_format

    seminar = localized(registration.session.seminar)
    when = date_format(timezone.localtime(registration.session.starts_at), "DATETIME_FORMAT")
    own = registration.user_id == request.user.pk
    names = {"seminar": seminar.title, "name": registration.user}
    if not registration.is_confirmed:
        title = _("Leave the waitlist of %(seminar)s?") % names
        explanation = _("You lose your place on the waitlist.")
    else:
        if own:
            title = _("Cancel your seat at %(seminar)s?") % names
        else:
            title = _("Cancel the seat of %(name)s at %(seminar)s?") % names
        explanation = _("The seat goes to the next person on the waitlist, and you cannot take it back.")
    back = request.GET.get("next", "")
    if not _safe_target(request, back):
        back = seminar.get_url(request)
    return render(
        request,
        "courses/confirm.html",
        {
            "title": title,
            "detail": when,
            "explanation": explanation,
            "action_url": request.path,
            "next": back,
            "confirm_label": _("Yes, cancel") if registration.is_confirmed else _("Yes, leave the waitlist"),
            "back_url": back,
            "back_label": _("Keep it"),
        },
    )


def _safe_target(request, target: str) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


@login_required
def registration_feedback(request, registration_id: int):
    registration = selectors.seminar_registration_for_user(user=request.user, registration_id=registration_id)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(registration=registration, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, error.message_text)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("courses:learning")
    return render(request, "courses/feedback_form.html", {"form": form, "registration": registration})


@login_required
def session_roster(request, session_id: int):
    session = selectors.session_for_organizer(user=request.user, session_id=session_id)
    message_form = SessionMessageForm(request.POST if "send-message" in request.POST else None)
    if request.method == "POST":
        try:
            if "mark-attendance" in request.POST:
                ids = {parse_id(pk) for pk in request.POST.getlist("attended")} - {None}
                count = services.attendance_mark(session=session, by=request.user, attended_ids=ids)
                messages.success(request, _("Attendance saved: %(count)d present.") % {"count": count})
                return redirect("courses:session_roster", session_id=session.pk)
            if "send-message" in request.POST and message_form.is_valid():
                message = services.session_message_send(session=session, by=request.user, **message_form.cleaned_data)
                messages.success(request, _("Message sent to %(count)d people.") % {"count": message.recipient_count})
                return redirect("courses:session_roster", session_id=session.pk)
        except ServiceError as error:
            messages.error(request, error.message_text)
    return render(
        request,
        "courses/session_roster.html",
        {
            "session": session,
            "registrations": selectors.session_roster(session),
            "feedback": selectors.feedback_summary(session),
            "message_form": message_form,
            "sent_messages": session.messages.select_related("sender")[:10],
        },
    )


@login_required
def session_roster_print(request, session_id: int):
    session = selectors.session_for_organizer(user=request.user, session_id=session_id)
    confirmed = [r for r in selectors.session_roster(session) if r.is_confirmed]
    return render(request, "courses/session_roster_print.html", {"session": session, "registrations": confirmed})


@login_required
def session_roster_csv(request, session_id: int):
    session = selectors.session_for_organizer(user=request.user, session_id=session_id)
    columns, rows = selectors.session_roster_table(session)
    return csv_response(columns, rows, filename=f"session-{session.pk}-registrations.csv")
