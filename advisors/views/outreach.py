"""Outreach requests: anyone signed in asks; programme staff assign an advisor, who confirms and reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.errors import ServiceError

from .. import selectors, services
from ..forms import OutreachAssignForm, OutreachReportForm, OutreachRequestForm
from ..models import OutreachRequest


@login_required
def outreach_list(request):
    form = OutreachRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = services.outreach_request_create(by=request.user, **form.cleaned_data)
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
