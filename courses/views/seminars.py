"""Seminar sessions: registering (oneself or a member), cancelling, feedback, and the organizers' roster."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.errors import ServiceError
from lms.exports import csv_response
from lms.forms import parse_id
from lms.translations import canonical_q, localized
from organizations.models import Membership, Organization

from .. import selectors, services
from ..forms import FeedbackForm, SessionMessageForm
from ..models import SeminarRegistration, SeminarSession


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
