"""Consultations: the signed-in person's list, a consultation's page, and each action on it.

Every action looks the consultation up with the viewer's relation to it (``selectors.consultation_for_viewer``)
and allows only the roles it names; anything else is a 404.
"""

import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms import audit
from lms.errors import ServiceError
from lms.files import private_file_response
from lms.forms import reason_refused

from .. import selectors, services
from ..forms import ConfirmForm, FeedbackForm, ReasonForm, RecordForm, RescheduleForm
from ..models import FollowUp
from ..notifications import calendar_event
from .profiles import _viewer_zone


@login_required
def consultation_list(request):
    advisor = selectors.advisor_profile_for(request.user)
    context = {"advisor": advisor, "learner": selectors.learner_dashboard(request.user)}
    if advisor is not None:
        context["advisor_board"] = selectors.advisor_dashboard(advisor)
    context["outreach_requests"] = list(selectors.outreach_for_requester(request.user))
    context["organization_outcomes"] = list(selectors.managed_organization_outcomes(request.user)[:20])
    return render(request, "advisors/consultations.html", context)


@login_required
def consultation_detail(request, pk):
    return _detail(request, pk)


def _detail(request, pk, *, bound: dict | None = None):
    """The consultation page; ``bound`` holds a refused form to show again with its message."""
    consultation, role = selectors.consultation_for_viewer(request.user, pk)
    now = timezone.now()
    context = {
        "consultation": consultation,
        "role": role,
        "is_advisor": role == "advisor" or role == "staff",
        "can_cancel": role != "manager" and services.can_cancel(consultation, request.user),
        "can_record": role in ("advisor", "staff")
        and consultation.status in ("confirmed", "completed", "no_show")
        and consultation.start <= now,
        "can_rate": role == "learner" and consultation.status == "completed" and not hasattr(consultation, "feedback"),
        "show_private": role in ("advisor", "staff"),
    }
    if role in ("learner", "advisor") and consultation.is_open and consultation.end > now:
        context["calendar_event"] = calendar_event(consultation)
    other_zone = (
        consultation.advisor.time_zone if role == "learner" else consultation.learner.time_zone or settings.TIME_ZONE
    )
    viewer_offset = consultation.start.astimezone(_viewer_zone()).utcoffset()
    if consultation.start.astimezone(zoneinfo.ZoneInfo(other_zone)).utcoffset() != viewer_offset:
        context["other_zone"] = other_zone
        context["other_label"] = _("for the learner") if role != "learner" else _("for the advisor")
    if consultation.status == "pending" and context["is_advisor"]:
        context["confirm_form"] = ConfirmForm(initial={"arrangements": consultation.arrangements})
        context["decline_form"] = ReasonForm(prefix="decline")
    if context["can_cancel"]:
        context["cancel_form"] = ReasonForm(prefix="cancel")
    if context["can_record"]:
        record = getattr(consultation, "record", None)
        initial = (
            {"outcome": record.outcome, "summary": record.summary, "private_notes": record.private_notes}
            if record
            else {}
        )
        context["record_form"] = RecordForm(initial=initial)
    if context["can_rate"]:
        context["feedback_form"] = FeedbackForm()
    for name, form in (bound or {}).items():
        if name in context:
            context[name] = form
    return render(request, "advisors/consultation_detail.html", context)


def _act(request, pk, roles, action):
    """Run one POST action for a viewer with one of ``roles``; errors go back as messages."""
    consultation, role = selectors.consultation_for_viewer(request.user, pk)
    if role not in roles:
        raise Http404
    try:
        message = action(consultation)
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        if message:
            messages.success(request, message)
    return redirect("advisors:consultation", pk=consultation.pk)


@login_required
@require_POST
def consultation_confirm(request, pk):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        consultation, role = selectors.consultation_for_viewer(request.user, pk)
        if role not in ("advisor", "staff"):
            raise Http404
        messages.error(request, _("The consultation was not confirmed. Please correct the form below."))
        return _detail(request, pk, bound={"confirm_form": form})

    def action(consultation):
        services.consultation_confirm(
            consultation=consultation, by=request.user, arrangements=form.cleaned_data["arrangements"]
        )
        return _("The consultation is confirmed and the learner has been told.")

    return _act(request, pk, ("advisor", "staff"), action)


@login_required
@require_POST
def consultation_decline(request, pk):
    form = ReasonForm(request.POST, prefix="decline")
    if reason_refused(request, form):
        return redirect("advisors:consultation", pk=pk)

    def action(consultation):
        services.consultation_decline(
            consultation=consultation, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
        return _("The request was declined.")

    return _act(request, pk, ("advisor", "staff"), action)


@login_required
@require_POST
def consultation_cancel(request, pk):
    form = ReasonForm(request.POST, prefix="cancel")
    if reason_refused(request, form):
        return redirect("advisors:consultation", pk=pk)

    def action(consultation):
        services.consultation_cancel(
            consultation=consultation, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
        return _("The consultation was cancelled.")

    return _act(request, pk, ("advisor", "learner", "staff"), action)


@login_required
@require_POST
def consultation_no_show(request, pk):
    def action(consultation):
        services.consultation_mark_no_show(consultation=consultation, by=request.user)
        return _("Marked as a no-show.")

    return _act(request, pk, ("advisor", "staff"), action)


@login_required
def consultation_reschedule(request, pk):
    consultation, role = selectors.consultation_for_viewer(request.user, pk)
    if role == "manager" or not services.can_cancel(consultation, request.user):
        raise Http404
    form = RescheduleForm(
        request.POST or None, slot_choices=selectors.reschedule_choices(consultation, zone=_viewer_zone())
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_reschedule(
                consultation=consultation, by=request.user, start=form.cleaned_data["start"]
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The consultation was moved. Updated invitations are on their way."))
            return redirect(consultation)
    return render(request, "advisors/reschedule.html", {"consultation": consultation, "form": form})


@login_required
def consultation_record(request, pk):
    consultation, role = selectors.consultation_for_viewer(request.user, pk)
    if role not in ("advisor", "staff"):
        raise Http404
    record = getattr(consultation, "record", None)
    initial = (
        {"outcome": record.outcome, "summary": record.summary, "private_notes": record.private_notes} if record else {}
    )
    form = RecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        data = form.cleaned_data
        try:
            services.record_save(
                consultation=consultation,
                by=request.user,
                outcome=data["outcome"],
                summary=data["summary"],
                private_notes=data["private_notes"],
                follow_ups=form.follow_ups(),
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The consultation record was saved."))
            return redirect(consultation)
    return render(request, "advisors/record_form.html", {"consultation": consultation, "form": form})


@login_required
@require_POST
def consultation_feedback(request, pk):
    form = FeedbackForm(request.POST)

    def action(consultation):
        if not form.is_valid():
            raise ServiceError(_("Please choose a rating from 1 to 5."))
        services.feedback_create(
            consultation=consultation,
            by=request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data.get("comment", ""),
        )
        return _("Thank you for your feedback.")

    return _act(request, pk, ("learner",), action)


@login_required
@require_POST
def follow_up_toggle(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("consultation"), pk=pk)
    consultation, role = selectors.consultation_for_viewer(request.user, follow_up.consultation_id)
    if role == "manager":
        raise Http404
    services.follow_up_set_done(follow_up=follow_up, by=request.user, done=request.POST.get("done") == "1")
    return redirect(consultation)


@login_required
def consultation_attachment(request, pk):
    """Attachments are served only here, to the learner, the advisor and programme staff."""
    consultation, role = selectors.consultation_for_viewer(request.user, pk)
    if role not in ("learner", "advisor", "staff") or not consultation.attachment:
        raise Http404
    response = private_file_response(
        consultation.attachment,
        filename=consultation.attachment_name or consultation.attachment.name.rsplit("/", 1)[-1],
    )
    if role == "staff":
        audit.record(action="advisors.attachment_viewed", actor=request.user, target=consultation, request=request)
    return response
