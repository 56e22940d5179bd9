import zoneinfo
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms import audit
from lms.errors import ServiceError
from lms.exports import csv_response
from lms.files import private_file_response
from lms.forms import reason_refused

from . import availability, selectors, services
from .forms import (
    AdvisorSettingsForm,
    BlockedPeriodForm,
    BookingForm,
    ConfirmForm,
    DateOverrideForm,
    DirectoryFilterForm,
    FeedbackForm,
    HolidayForm,
    OutreachAssignForm,
    OutreachReportForm,
    OutreachRequestForm,
    ProgrammeFilterForm,
    ReasonForm,
    RecordForm,
    RescheduleForm,
    WeeklyRuleForm,
)
from .models import BlockedPeriod, Booking, DateOverride, FollowUp, OutreachRequest, WeeklyRule
from .notifications import calendar_event


def _viewer_zone():
    return timezone.get_current_timezone()


def _follow_up_param(request) -> str:
    value = request.GET.get("follow_up", "")
    return value if value.isdigit() else ""


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    advisors = selectors.advisor_directory(**{k: v or "" for k, v in filters.items()})
    page = Paginator(advisors, 24).get_page(request.GET.get("page"))
    return render(request, "advisors/advisor_list.html", {"form": form, "page_obj": page, "advisors": page})


def advisor_detail(request, slug):
    advisor = selectors.advisor_for_page(slug)
    ctx = availability.load_context(advisor)
    zone = _viewer_zone()
    week = selectors.week_of_slots(
        availability.open_slots(ctx),
        viewer_zone=zone,
        advisor_zone=advisor.zone,
        today=ctx.now.astimezone(zone).date(),
        latest=ctx.latest.astimezone(zone).date(),
        week=request.GET.get("week"),
        day=request.GET.get("day"),
    )
    if week["problem"]:
        messages.info(request, week["problem"])
    return render(
        request,
        "advisors/advisor_detail.html",
        {"advisor": advisor, "week": week, "follow_up": _follow_up_param(request), "viewer_zone": zone},
    )


def book(request, slug):
    advisor = selectors.advisor_for_page(slug)
    if not request.user.is_authenticated:
        return _sign_in_to_book(request, advisor)
    initial = {"start": request.GET.get("start", ""), "follow_up_of": _follow_up_param(request)}
    if not request.user.memberships.exists():
        messages.error(request, _("Only members of an organization in the programme can book consultations."))
        return redirect(advisor)
    form = BookingForm(request.POST or None, request.FILES or None, advisor=advisor, user=request.user, initial=initial)
    start = None
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        data = form.cleaned_data
        follow_up_of = None
        if (data.get("follow_up_of") or "").isdigit():
            follow_up_of = Booking.objects.filter(pk=int(data["follow_up_of"]), learner=request.user).first()
        if data["start"] is None:
            form.add_error(None, _("Please choose a time from the advisor's open slots."))
        else:
            try:
                booking = services.booking_create(
                    advisor=advisor,
                    learner=request.user,
                    organization=data["organization"],
                    topic=data["topic"],
                    mode=data["mode"],
                    question=data["question"],
                    start=data["start"],
                    attachment=data.get("attachment"),
                    follow_up_of=follow_up_of,
                )
            except ServiceError as error:
                form.add_error(None, error.message_text)
            else:
                if booking.status == Booking.Status.CONFIRMED:
                    messages.success(request, _("Your consultation is confirmed. An invitation is on its way."))
                else:
                    messages.success(request, _("Your request was sent. The advisor will confirm it soon."))
                return redirect(booking)
        start = data.get("start")
    else:
        start = availability.parse_slot_key(str(form["start"].value() or ""))
    return render(
        request,
        "advisors/booking_form.html",
        {
            "advisor": advisor,
            "form": form,
            "start": start,
            "end": start + timedelta(minutes=advisor.slot_minutes) if start else None,
            "advisor_differs": bool(start)
            and start.astimezone(advisor.zone).utcoffset() != start.astimezone(_viewer_zone()).utcoffset(),
        },
    )


def _sign_in_to_book(request, advisor):
    """The sign-in page says which advisor and time the person is booking, then returns to the form."""
    start = availability.parse_slot_key(request.GET.get("start", ""))
    if start is not None:
        when = date_format(timezone.localtime(start, _viewer_zone()), "DATETIME_FORMAT")
        messages.info(request, _("Sign in to book %(time)s with %(advisor)s.") % {"time": when, "advisor": advisor})
    else:
        messages.info(request, _("Sign in to book a consultation with %(advisor)s.") % {"advisor": advisor})
    return redirect_to_login(request.get_full_path())


@login_required
def consultations(request):
    advisor = selectors.advisor_profile_for(request.user)
    context = {"advisor": advisor, "learner": selectors.learner_dashboard(request.user)}
    if advisor is not None:
        context["advisor_board"] = selectors.advisor_dashboard(advisor)
    context["outreach_requests"] = list(selectors.outreach_for_requester(request.user))
    context["organization_outcomes"] = list(selectors.managed_organization_outcomes(request.user)[:20])
    return render(request, "advisors/consultations.html", context)


def _slot_choices(booking):
    ctx = availability.load_context(booking.advisor, exclude_booking=booking)
    zone = _viewer_zone()
    return [
        (slot.key, timezone.localtime(slot.start, zone).strftime("%Y-%m-%d %H:%M"))
        for slot in availability.open_slots(ctx)
        if slot.start != booking.start
    ]


@login_required
def consultation_detail(request, pk):
    return _detail(request, pk)


def _detail(request, pk, *, bound: dict | None = None):
    """The consultation page; ``bound`` holds a refused form to show again with its message."""
    booking, role = selectors.booking_for_viewer(request.user, pk)
    now = timezone.now()
    context = {
        "booking": booking,
        "role": role,
        "is_advisor": role == "advisor" or role == "staff",
        "can_cancel": role != "manager" and services.can_cancel(booking, request.user),
        "can_record": role in ("advisor", "staff")
        and booking.status in ("confirmed", "completed", "no_show")
        and booking.start <= now,
        "can_rate": role == "learner" and booking.status == "completed" and not hasattr(booking, "feedback"),
        "show_private": role in ("advisor", "staff"),
    }
    if role in ("learner", "advisor") and booking.is_open and booking.end > now:
        context["calendar_event"] = calendar_event(booking)
    other_zone = booking.advisor.time_zone if role == "learner" else booking.learner.time_zone or settings.TIME_ZONE
    viewer_offset = booking.start.astimezone(_viewer_zone()).utcoffset()
    if booking.start.astimezone(zoneinfo.ZoneInfo(other_zone)).utcoffset() != viewer_offset:
        context["other_zone"] = other_zone
        context["other_label"] = _("for the learner") if role != "learner" else _("for the advisor")
    if booking.status == "pending" and context["is_advisor"]:
        context["confirm_form"] = ConfirmForm(initial={"arrangements": booking.arrangements})
        context["decline_form"] = ReasonForm(prefix="decline")
    if context["can_cancel"]:
        context["cancel_form"] = ReasonForm(prefix="cancel")
    if context["can_record"]:
        record = getattr(booking, "record", None)
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
    booking, role = selectors.booking_for_viewer(request.user, pk)
    if role not in roles:
        raise Http404
    try:
        message = action(booking)
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        if message:
            messages.success(request, message)
    return redirect("advisors:consultation", pk=booking.pk)


@login_required
@require_POST
def consultation_confirm(request, pk):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        booking, role = selectors.booking_for_viewer(request.user, pk)
        if role not in ("advisor", "staff"):
            raise Http404
        messages.error(request, _("The consultation was not confirmed. Please correct the form below."))
        return _detail(request, pk, bound={"confirm_form": form})

    def action(booking):
        services.booking_confirm(booking=booking, by=request.user, arrangements=form.cleaned_data["arrangements"])
        return _("The consultation is confirmed and the learner has been told.")

    return _act(request, pk, ("advisor", "staff"), action)


@login_required
@require_POST
def consultation_decline(request, pk):
    form = ReasonForm(request.POST, prefix="decline")
    if reason_refused(request, form):
        return redirect("advisors:consultation", pk=pk)

    def action(booking):
        services.booking_decline(booking=booking, by=request.user, reason=form.cleaned_data.get("reason", ""))
        return _("The request was declined.")

    return _act(request, pk, ("advisor", "staff"), action)


@login_required
@require_POST
def consultation_cancel(request, pk):
    form = ReasonForm(request.POST, prefix="cancel")
    if reason_refused(request, form):
        return redirect("advisors:consultation", pk=pk)

    def action(booking):
        services.booking_cancel(booking=booking, by=request.user, reason=form.cleaned_data.get("reason", ""))
        return _("The consultation was cancelled.")

    return _act(request, pk, ("advisor", "learner", "staff"), action)


@login_required
@require_POST
def consultation_no_show(request, pk):
    def action(booking):
        services.booking_mark_no_show(booking=booking, by=request.user)
        return _("Marked as a no-show.")

    return _act(request, pk, ("advisor", "staff"), action)


@login_required
def consultation_reschedule(request, pk):
    booking, role = selectors.booking_for_viewer(request.user, pk)
    if role == "manager" or not services.can_cancel(booking, request.user):
        raise Http404
    form = RescheduleForm(request.POST or None, slot_choices=_slot_choices(booking))
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_reschedule(booking=booking, by=request.user, start=form.cleaned_data["start"])
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("The consultation was moved. Updated invitations are on their way."))
            return redirect(booking)
    return render(request, "advisors/reschedule.html", {"booking": booking, "form": form})


@login_required
def consultation_record(request, pk):
    booking, role = selectors.booking_for_viewer(request.user, pk)
    if role not in ("advisor", "staff"):
        raise Http404
    record = getattr(booking, "record", None)
    initial = (
        {"outcome": record.outcome, "summary": record.summary, "private_notes": record.private_notes} if record else {}
    )
    form = RecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        data = form.cleaned_data
        try:
            services.record_save(
                booking=booking,
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
            return redirect(booking)
    return render(request, "advisors/record_form.html", {"booking": booking, "form": form})


@login_required
@require_POST
def consultation_feedback(request, pk):
    form = FeedbackForm(request.POST)

    def action(booking):
        if not form.is_valid():
            raise ServiceError(_("Please choose a rating from 1 to 5."))
        services.feedback_create(
            booking=booking,
            learner=request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data.get("comment", ""),
        )
        return _("Thank you for your feedback.")

    return _act(request, pk, ("learner",), action)


@login_required
@require_POST
def follow_up_toggle(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("booking"), pk=pk)
    booking, role = selectors.booking_for_viewer(request.user, follow_up.booking_id)
    if role == "manager":
        raise Http404
    services.follow_up_set_done(follow_up=follow_up, by=request.user, done=request.POST.get("done") == "1")
    return redirect(booking)


@login_required
def consultation_attachment(request, pk):
    """Attachments are served only here, to the learner, the advisor and programme staff."""
    booking, role = selectors.booking_for_viewer(request.user, pk)
    if role not in ("learner", "advisor", "staff") or not booking.attachment:
        raise Http404
    response = private_file_response(
        booking.attachment, filename=booking.attachment_name or booking.attachment.name.rsplit("/", 1)[-1]
    )
    if role == "staff":
        audit.record(action="advisors.attachment_viewed", actor=request.user, target=booking, request=request)
    return response


# Availability --------------------------------------------------------------------------------


def _own_profile(request):
    advisor = selectors.advisor_profile_for(request.user)
    if advisor is None:
        raise Http404
    return advisor


@login_required
def availability_manage(request):
    advisor = _own_profile(request)
    forms_by_kind = {
        "settings": AdvisorSettingsForm(instance=advisor, prefix="settings"),
        "rule": WeeklyRuleForm(prefix="rule"),
        "override": DateOverrideForm(prefix="override"),
        "blocked": BlockedPeriodForm(prefix="blocked"),
    }
    kind = request.POST.get("kind")
    if request.method == "POST" and kind in forms_by_kind:
        if kind == "settings":
            form = AdvisorSettingsForm(request.POST, instance=advisor, prefix="settings")
        else:
            form = type(forms_by_kind[kind])(request.POST, prefix=kind)
        forms_by_kind[kind] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if kind == "settings":
                    form.save()
                elif kind == "rule":
                    services.weekly_rule_add(advisor=advisor, **data)
                elif kind == "override":
                    services.date_override_add(advisor=advisor, **data)
                else:
                    start, end = form.period(advisor.zone)
                    services.blocked_period_add(advisor=advisor, start=start, end=end, reason=data["reason"])
            except ServiceError as error:
                form.add_error(None, error.message_text)
            else:
                messages.success(request, _("Your availability was saved."))
                return redirect("advisors:availability")
    today = timezone.now().astimezone(advisor.zone).date()
    rules = list(WeeklyRule.objects.filter(advisor=advisor))
    return render(
        request,
        "advisors/availability.html",
        {
            "advisor": advisor,
            "forms": forms_by_kind,
            "rules": rules,
            "week": [
                (label, [rule for rule in rules if rule.weekday == value])
                for value, label in WeeklyRule.Weekday.choices
            ],
            "overrides": DateOverride.objects.filter(advisor=advisor, date__gte=today),
            "blocked": BlockedPeriod.objects.filter(advisor=advisor, end__gte=timezone.now()).select_related("advisor"),
            "holidays": selectors.holidays_ahead(advisor, today),
        },
    )


@login_required
@require_POST
def availability_holiday(request):
    advisor = _own_profile(request)
    form = HolidayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a holiday from the list."))
        return redirect(reverse("advisors:availability") + "#holidays-heading")
    day, action = form.cleaned_data["day"], form.cleaned_data["action"]
    try:
        if action == "open":
            services.holiday_open(advisor=advisor, day=day)
        else:
            services.holiday_close(advisor=advisor, day=day)
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        when = date_format(day, "DATE_FORMAT")
        if action == "open":
            messages.success(request, _("%(date)s is open for bookings.") % {"date": when})
        else:
            messages.success(request, _("%(date)s is closed again.") % {"date": when})
    return redirect(reverse("advisors:availability") + "#holidays-heading")


@login_required
@require_POST
def availability_delete(request, kind, pk):
    advisor = _own_profile(request)
    model = {"rule": WeeklyRule, "override": DateOverride, "blocked": BlockedPeriod}.get(kind)
    if model is None:
        raise Http404
    get_object_or_404(model, pk=pk, advisor=advisor).delete()
    messages.success(request, _("Removed."))
    return redirect("advisors:availability")


# Programme staff -----------------------------------------------------------------------------


def _require_staff(request):
    if not request.user.is_programme_staff:
        raise Http404


def _programme_filters(request) -> tuple[ProgrammeFilterForm, dict]:
    form = ProgrammeFilterForm(request.GET or None)
    filters = {k: v or "" for k, v in form.cleaned_data.items()} if form.is_valid() else {}
    return form, filters


@login_required
def programme_overview(request):
    _require_staff(request)
    form, filters = _programme_filters(request)
    bookings = selectors.programme_bookings(**filters)
    page = Paginator(bookings, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "advisors/programme.html",
        {
            "overview": selectors.programme_overview(bookings),
            "page_obj": page,
            "form": form,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def programme_export(request):
    _require_staff(request)
    filters = _programme_filters(request)[1]
    bookings = selectors.programme_bookings(**filters)
    audit.record(action="advisors.consultations_exported", actor=request.user, details=filters, request=request)
    rows = selectors.programme_export_rows(bookings)
    return csv_response(selectors.PROGRAMME_EXPORT_COLUMNS, rows, filename="consultations.csv", tz=UTC)


# Outreach ------------------------------------------------------------------------------------


@login_required
def outreach_list(request):
    form = OutreachRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.requester = request.user
        item.save()
        messages.success(request, _("Your outreach request was sent to programme staff."))
        return redirect("advisors:outreach_detail", pk=item.pk)
    if request.user.is_programme_staff:
        items = selectors.outreach_for_staff()
    else:
        items = selectors.outreach_for_requester(request.user)
    return render(request, "advisors/outreach_list.html", {"form": form, "items": items})


@login_required
def outreach_detail(request, pk):
    item = selectors.outreach_for_viewer(request.user, pk)
    is_assigned = item.advisor is not None and item.advisor.user_id == request.user.pk
    assign_form = OutreachAssignForm(request.POST or None, prefix="assign") if request.user.is_programme_staff else None
    report_form = OutreachReportForm(request.POST or None, prefix="report") if is_assigned else None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "assign" and assign_form is not None and assign_form.is_valid():
                services.outreach_assign(request=item, advisor=assign_form.cleaned_data["advisor"], by=request.user)
            elif action == "confirm" and is_assigned:
                services.outreach_confirm(request=item, by=request.user)
            elif action == "report" and report_form is not None and report_form.is_valid():
                services.outreach_report(request=item, by=request.user, **report_form.cleaned_data)
            else:
                raise ServiceError(_("Please check the form."))
        except ServiceError as error:
            messages.error(request, error.message_text)
        else:
            messages.success(request, _("Saved."))
            return redirect("advisors:outreach_detail", pk=item.pk)
    return render(
        request,
        "advisors/outreach_detail.html",
        {
            "item": item,
            "is_assigned": is_assigned,
            "assign_form": assign_form,
            "report_form": report_form,
            "can_report": is_assigned
            and item.status in (OutreachRequest.Status.CONFIRMED, OutreachRequest.Status.REPORTED),
        },
    )
