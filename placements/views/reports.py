"""Reports: writing and editing, review (comments, changes, approval) and attachments."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.errors import ServiceError
from lms.files import private_file_response

from .. import selectors, services
from ..forms import AttachmentForm, ChangesForm, CommentForm, ReportForm
from ..models import Report
from ..models.reports import FINAL_SECTIONS


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
                by=request.user,
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
                by=request.user,
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
        request, pk, lambda r: services.report_submit(report=r, by=request.user), _("Report submitted for review.")
    )


@login_required
@require_POST
def report_approve(request, pk):
    return _report_action(
        request, pk, lambda r: services.report_approve(report=r, by=request.user), _("Report approved.")
    )


@login_required
@require_POST
def report_request_changes(request, pk):
    report, access = selectors.report_for(request.user, pk)
    form = ChangesForm(request.POST)
    if form.is_valid() and not form.is_preview:
        try:
            services.report_request_changes(report=report, by=request.user, comment=form.cleaned_data["comment"])
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
            services.report_comment(report=report, by=request.user, body=data["body"], internal=data["internal"])
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
            report=r, by=request.user, title=form.cleaned_data["title"], file=form.cleaned_data["file"]
        ),
        _("Attachment added."),
    )


def _serve(file, download_name: str):
    return private_file_response(file, filename=f"{download_name}{PurePath(file.name).suffix}")


@login_required
def attachment_download(request, pk):
    attachment = selectors.attachment_for(request.user, pk)
    return _serve(attachment.file, attachment.title)
