"""Meetings of a workspace: scheduling, the meeting page, answers, minutes, attendance and the calendar file."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.calendar import build_calendar
from lms.errors import ServiceError
from lms.forms import parse_id

from .. import selectors, services
from ..forms import MeetingForm, MinutesForm
from ..models import MeetingResponse
from .groups import _fail, _render


def meeting_list(request, slug):
    workspace = selectors.workspace_for(request.user, slug)
    return _render(request, "meeting_list.html", workspace, {"meetings": selectors.meetings_for(workspace.group)})


def meeting_create(request, slug):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    form = MeetingForm(request.POST or None, initial={"time_zone": request.user.time_zone})
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            meeting = services.meeting_create(group=workspace.group, by=request.user, data=form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The meeting was scheduled and the members invited."))
            return redirect(meeting)
    return _render(request, "meeting_form.html", workspace, {"form": form})


def meeting_edit(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    meeting = selectors.meeting_in(workspace.group, pk)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            services.meeting_update(meeting=meeting, by=request.user, data=form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The meeting was updated and the members told."))
            return redirect(meeting)
    return _render(request, "meeting_form.html", workspace, {"form": form, "meeting": meeting})


def _meeting_page(request, workspace, meeting, minutes_form=None):
    context = {
        "meeting": meeting,
        "meeting_event": services.meeting_event(meeting),
        "responses": selectors.meeting_responses(meeting, workspace.membership),
        "answers": MeetingResponse.Answer.choices,
    }
    if workspace.is_facilitator and meeting.has_started and not meeting.is_cancelled:
        attendance = selectors.meeting_attendance(meeting)
        context["attendance_rows"] = [
            (m, attendance.get(m.pk, False)) for m in selectors.active_members(workspace.group)
        ]
        context["minutes_form"] = minutes_form or MinutesForm(initial={"minutes": meeting.minutes})
    return _render(request, "meeting_detail.html", workspace, context)


def meeting_detail(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    return _meeting_page(request, workspace, selectors.meeting_in(workspace.group, pk))


@require_POST
def meeting_minutes(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    meeting = selectors.meeting_in(workspace.group, pk)
    form = MinutesForm(request.POST)
    if not form.is_valid() or form.is_preview:
        return _meeting_page(request, workspace, meeting, minutes_form=form)
    try:
        services.meeting_record_minutes(meeting=meeting, by=request.user, minutes=form.cleaned_data["minutes"])
    except ServiceError as error:
        _fail(request, error)
    else:
        messages.success(request, _("The minutes were saved."))
    return redirect(meeting)


@require_POST
def meeting_rsvp(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    meeting = selectors.meeting_in(workspace.group, pk)
    answer = request.POST.get("answer", "")
    try:
        services.meeting_respond(meeting=meeting, by=request.user, answer=answer)
    except ServiceError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            {
                "going": _("Thanks: you are going."),
                "maybe": _("Thanks: you might come."),
                "not_going": _("Thanks: you are not going."),
            }[answer],
        )
    return redirect(meeting)


@require_POST
def meeting_attendance(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    meeting = selectors.meeting_in(workspace.group, pk)
    ids = [parse_id(v) for v in request.POST.getlist("present")]
    if None in ids:
        raise Http404
    if not meeting.has_started:
        _fail(request, ServiceError(_("Minutes and attendance can be recorded once the meeting has started.")))
        return redirect(meeting)
    try:
        services.meeting_record_attendance(meeting=meeting, by=request.user, present_ids=ids)
    except ServiceError:
        raise Http404
    messages.success(request, _("Attendance was saved."))
    return redirect(meeting)


@require_POST
def meeting_cancel(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug, facilitator=True)
    meeting = selectors.meeting_in(workspace.group, pk)
    try:
        services.meeting_cancel(meeting=meeting, by=request.user)
        messages.success(request, _("The meeting was cancelled and the members told."))
    except ServiceError as error:
        _fail(request, error)
    return redirect(meeting)


def meeting_ics(request, slug, pk):
    workspace = selectors.workspace_for(request.user, slug)
    meeting = selectors.meeting_in(workspace.group, pk)
    response = HttpResponse(
        build_calendar([services.meeting_event(meeting)]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response
