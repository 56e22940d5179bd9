"""Thin views: scope the object to the viewer (404 otherwise), call one service, render."""

from pathlib import PurePath

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
from lms.files import private_file_response
from lms.forms import parse_id, reason_refused
from organizations.selectors import managed_organizations

from . import selectors, services
from .forms import (
    AttachmentForm,
    ChangesForm,
    CommentForm,
    MatchFilterForm,
    MilestoneForm,
    PlacementFilterForm,
    PlacementRequestForm,
    ReasonForm,
    ReportForm,
    ResearcherApplicationForm,
)
from .models import Milestone, Report, ResearcherProfile
from .models.reports import FINAL_SECTIONS


def _filters(request):
    form = PlacementFilterForm(request.GET or None, organizations=selectors.organizations_for_filter())
    values = {"state": "", "organization": "", "capacity_area": "", "year": None}
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
        service(placement=placement, actor=request.user, **kwargs)
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
            services.placement_withdraw(placement=placement, actor=request.user, reason=form.cleaned_data["reason"])
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
            services.placement_match(placement=placement, actor=request.user, researcher=researcher)
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
            services.milestone_create(placement=placement, actor=request.user, **data)
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
            services.milestone_update(milestone=milestone, actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Milestone updated."))
            return redirect(placement)
    return render(
        request, "placements/milestone_form.html", {"placement": placement, "form": form, "milestone": milestone}
    )


# Reports


def _section_data(form) -> dict:
    names = ["body"] + [name for name, _label in FINAL_SECTIONS]
    return {k: v for k, v in form.cleaned_data.items() if k in names}


@login_required
def report_create(request, pk, kind):
    placement, access = selectors.placement_for(request.user, pk)
    if kind not in Report.Kind.values or not access.researcher_can_write:
        raise Http404
    form = ReportForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        try:
            report = services.report_create(
                placement=placement,
                actor=request.user,
                kind=kind,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                **_section_data(form),
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Draft saved. Submit it when it is ready for review."))
            return redirect(report)
    return render(
        request,
        "placements/report_form.html",
        {"placement": placement, "form": form, "kind_label": Report.Kind(kind).label},
    )


@login_required
def report_detail(request, pk):
    report, access = selectors.report_for(request.user, pk)
    return _report_page(request, report, access)


def _report_page(request, report, access, *, comment_form=None, changes_form=None):
    """The report with its comments; a comment being previewed or corrected comes back in its form, as typed."""
    if comment_form is not None and not access.is_staff:
        comment_form.fields.pop("internal", None)
    can_review = access.can_review and report.status == Report.Status.SUBMITTED
    can_comment = report.status != Report.Status.DRAFT and (access.can_review or access.researcher_can_write)
    for form, shown in ((comment_form, can_comment), (changes_form, can_review)):
        if form is not None and not shown:  # the form is not on the page: say why in a message instead
            for error in form.non_field_errors():
                messages.error(request, error)
    return render(
        request,
        "placements/report_detail.html",
        {
            "report": report,
            "placement": report.placement,
            "access": access,
            "comments": selectors.visible_comments(report, access),
            "attachments": report.attachments.all(),
            "can_edit": access.researcher_can_write
            and report.status in (Report.Status.DRAFT, Report.Status.CHANGES_REQUESTED),
            "can_review": can_review,
            "can_approve": can_review and (access.is_staff or not report.is_final),
            "comment_form": (comment_form or CommentForm(allow_internal=access.is_staff)) if can_comment else None,
            "changes_form": (changes_form or ChangesForm()) if can_review else None,
            "attachment_form": AttachmentForm() if access.researcher_can_write else None,
        },
    )


@login_required
def report_edit(request, pk):
    report, access = selectors.report_for(request.user, pk)
    if not access.researcher_can_write:
        raise Http404
    form = ReportForm(request.POST or None, instance=report, kind=report.kind)
    if request.method == "POST" and form.is_valid() and not form.is_preview:
        report.refresh_from_db()
        try:
            services.report_update(
                report=report,
                actor=request.user,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                **_section_data(form),
            )
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Report saved."))
            return redirect(report)
    return render(
        request,
        "placements/report_form.html",
        {"placement": report.placement, "form": form, "report": report, "kind_label": report.get_kind_display()},
    )


def _report_action(request, pk, call, success: str):
    report, _access = selectors.report_for(request.user, pk)
    try:
        call(report)
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        messages.success(request, success)
    return redirect(report)


@login_required
@require_POST
def report_submit(request, pk):
    return _report_action(
        request, pk, lambda r: services.report_submit(report=r, actor=request.user), _("Report submitted for review.")
    )


@login_required
@require_POST
def report_approve(request, pk):
    return _report_action(
        request, pk, lambda r: services.report_approve(report=r, actor=request.user), _("Report approved.")
    )


@login_required
@require_POST
def report_request_changes(request, pk):
    report, access = selectors.report_for(request.user, pk)
    form = ChangesForm(request.POST)
    if form.is_valid() and not form.is_preview:
        try:
            services.report_request_changes(report=report, actor=request.user, comment=form.cleaned_data["comment"])
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Changes requested; the researcher has been told."))
            return redirect(report)
    return _report_page(request, report, access, changes_form=form)


@login_required
@require_POST
def report_comment(request, pk):
    report, access = selectors.report_for(request.user, pk)
    form = CommentForm(request.POST, allow_internal=True)
    if form.is_valid() and not form.is_preview:
        data = form.cleaned_data
        try:
            services.report_comment(report=report, actor=request.user, body=data["body"], internal=data["internal"])
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Comment posted."))
            return redirect(report)
    return _report_page(request, report, access, comment_form=form)


@login_required
@require_POST
def report_attachment_add(request, pk):
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        report, _access = selectors.report_for(request.user, pk)
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(report)
    return _report_action(
        request,
        pk,
        lambda r: services.report_add_attachment(
            report=r, actor=request.user, title=form.cleaned_data["title"], file=form.cleaned_data["file"]
        ),
        _("Attachment added."),
    )


def _serve(file, download_name: str):
    return private_file_response(file, filename=f"{download_name}{PurePath(file.name).suffix}")


@login_required
def attachment_download(request, pk):
    attachment = selectors.attachment_for(request.user, pk)
    return _serve(attachment.file, attachment.title)


# Researchers


@login_required
def researcher_apply(request):
    profile = selectors.researcher_profile_for(request.user)
    form = ResearcherApplicationForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.researcher_apply(user=request.user, **data)
        except ServiceError as error:
            form.add_error(None, error.message_text)
        else:
            messages.success(request, _("Your researcher profile was saved."))
            return redirect("placements:list")
    return render(request, "placements/researcher_apply.html", {"form": form, "profile": profile})


@login_required
def researcher_list(request):
    if not request.user.is_programme_staff:
        raise Http404
    status = request.GET.get("status", "")
    if status not in ResearcherProfile.Status.values:
        status = ""
    return render(
        request,
        "placements/researcher_list.html",
        {
            "profiles": selectors.researcher_applications(status),
            "status": status,
            "statuses": ResearcherProfile.Status.choices,
        },
    )


@login_required
@require_POST
def researcher_status(request, pk):
    if not request.user.is_programme_staff:
        raise Http404
    profile = get_object_or_404(ResearcherProfile.objects.select_related("user"), pk=pk)
    try:
        services.researcher_set_status(profile=profile, actor=request.user, status=request.POST.get("status", ""))
    except ServiceError as error:
        messages.error(request, error.message_text)
    else:
        messages.success(
            request, _("%(name)s is now %(status)s.") % {"name": profile, "status": profile.get_status_display()}
        )
    return redirect("placements:researchers")


@login_required
def researcher_cv(request, pk):
    profile = selectors.cv_profile_for(request.user, pk)
    return _serve(profile.cv, f"CV-{profile.user.get_short_name()}")
