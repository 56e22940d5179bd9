"""Reports: the researcher writes and submits, host managers and staff comment, ask for changes and approve.

Approving the final report publishes it (see ``publication``).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit import record
from lms.email import absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.files import check_upload
from lms.locking import lock
from lms.markdown import clean_markdown, has_text

from .. import selectors
from ..models import Placement, Report, ReportAttachment, ReportComment
from ..models.placements import ATTACHMENT_RULE
from ..models.reports import FINAL_SECTIONS
from .publication import report_publish


def _report_fields(kind: str, data: dict) -> dict:
    names = ["body"] if kind == Report.Kind.PROGRESS else [name for name, _label in FINAL_SECTIONS]
    return {name: clean_markdown(data.get(name, "")) for name in names}


def _require_researcher_write(placement: Placement, by) -> None:
    access = selectors.access_for(by, placement)
    if not access.is_researcher:
        raise ServiceError(_("Only the placement's researcher can write its reports."))
    if not access.researcher_can_write:
        raise ServiceError(_("Reports can be written only while the placement is active."))


@transaction.atomic
def report_create(*, placement: Placement, by, kind: str, title: str, summary: str = "", **sections) -> Report:
    _require_researcher_write(placement, by)
    if kind not in Report.Kind.values:
        raise ServiceError(_("Unknown kind of report."))
    if kind == Report.Kind.FINAL and placement.reports.filter(kind=Report.Kind.FINAL).exists():
        raise ServiceError(_("This placement already has a final report; edit that one."))
    if not title.strip():
        raise ServiceError(_("Give the report a title."))
    return Report.objects.create(
        placement=placement,
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        author=by,
        **_report_fields(kind, sections),
    )


@transaction.atomic
def report_update(*, report: Report, by, title: str, summary: str = "", **sections) -> Report:
    _require_researcher_write(report.placement, by)
    report = _locked_report(report)
    if report.status not in (Report.Status.DRAFT, Report.Status.CHANGES_REQUESTED):
        raise ServiceError(_("A report can be edited only as a draft or after changes were requested."))
    if not title.strip():
        raise ServiceError(_("Give the report a title."))
    report.title, report.summary = title.strip(), summary.strip()
    for name, value in _report_fields(report.kind, sections).items():
        setattr(report, name, value)
    report.save()
    return report


@transaction.atomic
def report_add_attachment(*, report: Report, by, title: str, file) -> ReportAttachment:
    _require_researcher_write(report.placement, by)
    if report.status == Report.Status.APPROVED:
        raise ServiceError(_("An approved report cannot be changed."))
    check_upload(file, rule=ATTACHMENT_RULE)
    return ReportAttachment.objects.create(report=report, title=title.strip() or file.name, file=file, uploaded_by=by)


@transaction.atomic
def report_submit(*, report: Report, by) -> Report:
    _require_researcher_write(report.placement, by)
    report = _locked_report(report)
    if report.status not in (Report.Status.DRAFT, Report.Status.CHANGES_REQUESTED):
        raise ServiceError(_("This report has already been submitted."))
    missing = [str(label) for name, label in FINAL_SECTIONS if report.is_final and not has_text(getattr(report, name))]
    if missing:
        raise ServiceError(
            _("Fill in every section before submitting: %(sections)s.") % {"sections": ", ".join(missing)}
        )
    if not report.is_final and not has_text(report.body):
        raise ServiceError(_("The report is empty."))
    report.status = Report.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    reviewers = list(selectors.host_managers(report.placement.organization))
    if report.is_final:
        reviewers += list(selectors.programme_staff_users())
    _notify_report(report, reviewers)
    return report


def _locked_report(report: Report) -> Report:
    """The report re-read under its row lock: two reviewers acting at once decide one after the other."""
    return lock(report)


def _require_reviewer(report: Report, by, *, staff_only: bool = False) -> None:
    access = selectors.access_for(by, report.placement)
    if staff_only and not access.is_staff:
        raise ServiceError(_("Only programme staff can approve a final report."))
    if not access.can_review:
        raise ServiceError(_("Only programme staff and the host organization's managers can review reports."))
    if report.status != Report.Status.SUBMITTED:
        raise ServiceError(_("Only a submitted report can be reviewed."))


@transaction.atomic
def report_comment(*, report: Report, by, body: str, internal: bool = False) -> ReportComment:
    access = selectors.access_for(by, report.placement)
    if not access.roles or report.status == Report.Status.DRAFT:
        raise ServiceError(_("You cannot comment on this report."))
    if access.roles == frozenset({selectors.RESEARCHER}) and not access.researcher_can_write:
        raise ServiceError(_("The placement has ended; comments are closed for you."))
    if internal and not access.is_staff:
        raise ServiceError(_("Only programme staff can write internal comments."))
    if not has_text(body):
        raise ServiceError(_("The comment is empty."))
    return ReportComment.objects.create(report=report, author=by, body=clean_markdown(body), internal=internal)


@transaction.atomic
def report_request_changes(*, report: Report, by, comment: str) -> Report:
    report = _locked_report(report)
    _require_reviewer(report, by)
    if not has_text(comment):
        raise ServiceError(_("Say what should change: the researcher will read it."))
    ReportComment.objects.create(report=report, author=by, body=clean_markdown(comment), requests_changes=True)
    report.status = Report.Status.CHANGES_REQUESTED
    report.save(update_fields=["status", "updated_at"])
    if report.placement.researcher:
        _notify_report(report, [report.placement.researcher])
    return report


@transaction.atomic
def report_approve(*, report: Report, by) -> Report:
    """Host managers or staff approve progress reports; only staff approve (and so publish) the final report."""
    report = _locked_report(report)
    _require_reviewer(report, by, staff_only=report.is_final)
    report.status = Report.Status.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = by
    report.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    record(action="placement_report.approve", actor=by, target=report, details={"kind": report.kind})
    if report.is_final:
        report_publish(report=report, by=by)
    if report.placement.researcher:
        _notify_report(report, [report.placement.researcher])
    return report


def _notify_report(report: Report, recipients) -> None:
    unique = {u.pk: u for u in recipients}
    if not unique:
        return
    send_templated_email(
        to=list(unique.values()),
        template="placements/report_status",
        context={
            "report_title": report.title,
            "status": report.status,
            "status_label": report.get_status_display(),
            "organization_name": report.placement.organization.name,
            "url": absolute_url(report.get_absolute_url()),
        },
    )
