"""Placements: the list and its export, requests, the detail page, transitions, matching and the work plan."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.audit import record
from lms.errors import ServiceError
from lms.exports import csv_response
from lms.forms import parse_id, reason_refused
from organizations.selectors import managed_organizations

from .. import selectors, services
from ..forms import MatchFilterForm, MilestoneForm, PlacementFilterForm, PlacementRequestForm, ReasonForm
from ..models import Milestone


def _filters(request):
    form = PlacementFilterForm(request.GET or None, organizations=selectors.organizations_for_filter())
    values = {"state": "", "organization": "", "capacity_area": "", "fy": None}
    if request.user.is_programme_staff and form.is_valid():
        values.update({k: v for k, v in form.cleaned_data.items() if v})
    return form, values


@login_required
def placement_list(request):
    form, values = _filters(request)
    return render(
        request,
        "placements/placement_list.html",
        {
            "placements": selectors.placement_list(request.user, **values),
            "filter_form": form if request.user.is_programme_staff else None,
            "can_request": managed_organizations(request.user).exists(),
            "profile": selectors.researcher_profile_for(request.user),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def placement_export(request):
    if not request.user.is_programme_staff:
        raise Http404
    _form, values = _filters(request)
    record(action="placements.export", actor=request.user, details={"query": request.GET.urlencode()}, request=request)
    columns, rows = selectors.placement_export_table(request.user, **values)
    return csv_response(columns, rows, filename="placements.csv")


@login_required
def placement_request(request):
    organizations = managed_organizations(request.user)
    if not organizations.exists():
        raise Http404
    form = PlacementRequestForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_request(requested_by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Your request was sent to programme staff."))
            return redirect(placement)
    return render(request, "placements/placement_request.html", {"form": form})


@login_required
def placement_detail(request, pk):
    placement, access = selectors.placement_for(request.user, pk)
    context = {
        "placement": placement,
        "access": access,
        "actions": services.allowed_actions(access),
        "decline_form": ReasonForm(prefix="decline"),
        "milestone_form": MilestoneForm() if access.can_plan else None,
        **selectors.placement_detail(placement, access, request.user),
    }
    if placement.researcher_id:
        context["researcher_profile"] = selectors.researcher_profile_for(placement.researcher)
    return render(request, "placements/placement_detail.html", context)


@login_required
@require_POST
def placement_transition(request, pk, action):
    placement, _access = selectors.placement_for(request.user, pk)
    service = services.TRANSITION_SERVICES.get(action)
    if service is None:
        raise Http404
    kwargs = {}
    if action == "decline":
        form = ReasonForm(request.POST, prefix=action)
        if reason_refused(request, form):
            return redirect(placement)
        kwargs["reason"] = form.cleaned_data.get("reason", "")
    try:
        service(placement=placement, by=request.user, **kwargs)
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        placement.refresh_from_db()
        messages.success(request, _("The placement is now %(state)s.") % {"state": placement.get_state_display()})
    return redirect(placement)


@login_required
@require_http_methods(["GET", "POST"])
def placement_withdraw(request, pk):
    """Withdrawing cannot be undone by the host, so GET asks for confirmation on its own page; POST withdraws.
    Someone who could never withdraw this placement (its researcher) gets 404, as for what they cannot see."""
    placement, access = selectors.placement_for(request.user, pk)
    if not services.RULES["withdraw"].roles & access.roles:
        raise Http404
    if request.method == "GET" and "withdraw" not in services.allowed_actions(access):
        messages.info(request, _("This placement can no longer be withdrawn."))
        return redirect(placement)
    form = ReasonForm(request.POST or None, prefix="withdraw")
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_withdraw(placement=placement, by=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as error:
            messages.error(request, error.message_text)
        else:
            messages.success(request, _("You withdrew this placement."))
        return redirect(placement)
    return render(request, "placements/withdraw_confirm.html", {"placement": placement, "form": form})


@login_required
def placement_match(request, pk):
    placement, access = selectors.placement_for(request.user, pk)
    if not access.is_staff:
        raise Http404
    if request.method == "POST":
        researcher = get_object_or_404(get_user_model(), pk=parse_id(request.POST.get("researcher")))
        try:
            services.placement_match(placement=placement, by=request.user, researcher=researcher)
        except ServiceError as error:
            messages.error(request, error.message_text)
        else:
            messages.success(request, _("%(name)s was matched to this placement.") % {"name": researcher})
            return redirect(placement)
    data = request.GET if "capacity_area" in request.GET else None
    form = MatchFilterForm(data, initial={"capacity_area": placement.capacity_area, "available_only": True})
    area, available_only = placement.capacity_area, True
    if data is not None and form.is_valid():
        area, available_only = form.cleaned_data["capacity_area"], form.cleaned_data["available_only"]
    candidates = selectors.researcher_candidates(placement, capacity_area=area, available_only=available_only)
    return render(
        request,
        "placements/placement_match.html",
        {"placement": placement, "form": form, "candidates": candidates},
    )


# Milestones


@login_required
def milestone_create(request, pk):
    placement, access = selectors.placement_for(request.user, pk)
    if not access.can_plan:
        raise Http404
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "status"}
        try:
            services.milestone_create(placement=placement, by=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Milestone added."))
            return redirect(placement)
    return render(request, "placements/milestone_form.html", {"placement": placement, "form": form})


@login_required
def milestone_edit(request, pk, milestone_pk):
    placement, access = selectors.placement_for(request.user, pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, placement=placement)
    if not access.can_plan:
        raise Http404
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        milestone.refresh_from_db()  # the form mutated the instance; the service decides what changes
        try:
            services.milestone_update(milestone=milestone, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Milestone updated."))
            return redirect(placement)
    return render(
        request, "placements/milestone_form.html", {"placement": placement, "form": form, "milestone": milestone}
    )
