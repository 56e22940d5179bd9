"""Every write to placements: the state machine, the work plan, reports and their publication.

Each transition is one service with its rules (who may do it, from which states). A refused
transition raises ServiceError before anything is written, so nothing changes.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.audit import record
from lms.email import EmailKind, absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.files import check_upload
from lms.locking import lock
from lms.markdown import clean_markdown, has_text, render_markdown
from lms.publishing import page_publish_or_submit
from organizations.models import ProgrammeRole
from organizations.selectors import is_manager

from . import selectors
from .models import (
    Milestone,
    Placement,
    PlacementReportIndexPage,
    PlacementReportPage,
    PlacementTransition,
    Report,
    ReportAttachment,
    ReportComment,
    ResearcherProfile,
)
from .models.placements import ATTACHMENT_RULE
from .models.reports import FINAL_SECTIONS
from .periods import validate_period
from .selectors import HOST, STAFF

S = Placement.State


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    verb: str  # for messages: "approve", "decline", ...


# The state machine. Requesting (nothing -> requested) is placement_request.
RULES: dict[str, Rule] = {
    "match": Rule(frozenset({S.REQUESTED, S.MATCHED}), S.MATCHED, frozenset({STAFF}), gettext_lazy("match")),
    "approve": Rule(frozenset({S.MATCHED}), S.APPROVED, frozenset({STAFF}), gettext_lazy("approve")),
    "decline": Rule(frozenset({S.REQUESTED, S.MATCHED}), S.DECLINED, frozenset({STAFF}), gettext_lazy("decline")),
    "withdraw": Rule(
        frozenset({S.REQUESTED, S.MATCHED, S.APPROVED}), S.WITHDRAWN, frozenset({STAFF, HOST}), gettext_lazy("withdraw")
    ),
    "activate": Rule(frozenset({S.APPROVED}), S.ACTIVE, frozenset({STAFF, HOST}), gettext_lazy("start")),
    "complete": Rule(frozenset({S.ACTIVE}), S.COMPLETED, frozenset({STAFF}), gettext_lazy("complete")),
}
ROLE_NAMES = {STAFF: gettext_lazy("programme staff"), HOST: gettext_lazy("the host organization's managers")}


def allowed_actions(access) -> list[str]:
    """The transitions the viewer could perform now (for showing buttons; services re-check)."""
    return [name for name, rule in RULES.items() if access.state in rule.sources and rule.roles & access.roles]


def _check(placement: Placement, actor, action: str) -> Rule:
    rule = RULES[action]
    roles = selectors.roles_for(actor, placement)
    if not rule.roles & roles:
        who = _(" or ").join(str(ROLE_NAMES[r]) for r in sorted(rule.roles))
        raise ServiceError(_("Only %(who)s can %(verb)s a placement.") % {"who": who, "verb": rule.verb})
    if placement.state not in rule.sources:
        raise ServiceError(
            _("This placement is %(state)s, so you cannot %(verb)s it.")
            % {"state": placement.get_state_display().lower(), "verb": rule.verb}
        )
    return rule


def _locked(placement: Placement) -> Placement:
    """Re-read under a row lock so two reviewers acting at once cannot both move the same placement."""
    return lock(placement)


def _move(placement: Placement, *, actor, action: str, note: str = "", **changes) -> Placement:
    rule = RULES[action]
    from_state = placement.state
    placement.state = rule.target
    for field, value in changes.items():
        setattr(placement, field, value)
    placement.save()
    PlacementTransition.objects.create(
        placement=placement, from_state=from_state, to_state=rule.target, actor=actor, note=note
    )
    record(action=f"placement.{action}", actor=actor, target=placement, details={"from": from_state, "to": rule.target})
    _notify_transition(placement, actor=actor, note=note)
    return placement


def _notify_transition(placement: Placement, *, actor, note: str = "") -> None:
    recipients = {u.pk: u for u in selectors.host_managers(placement.organization)}
    if placement.researcher_id and placement.state != S.DECLINED:
        recipients[placement.researcher_id] = placement.researcher
    if placement.state == S.REQUESTED:
        recipients = {u.pk: u for u in selectors.programme_staff_users()}
    recipients.pop(getattr(actor, "pk", None), None)
    if not recipients:
        return
    send_templated_email(
        to=list(recipients.values()),
        template="placements/transition",
        context={
            "placement": placement,
            "organization_name": placement.organization.name,
            "area_name": placement.capacity_area.name,
            "state": placement.state,
            "actor_name": str(actor),
            "note": note,
            "url": absolute_url(placement.get_absolute_url()),
        },
    )


# Researchers


@transaction.atomic
def researcher_apply(
    *,
    user,
    specialities,
    languages: str,
    biography: str,
    available_from: date | None,
    available_until: date | None,
    cv=None,
) -> ResearcherProfile:
    """Create or update a researcher's application; an accepted researcher stays accepted."""
    if available_from and available_until and available_until <= available_from:
        raise ServiceError(_("The end of your availability must be after its start."))
    profile, created = ResearcherProfile.objects.get_or_create(user=user)
    profile.languages = languages.strip()
    profile.biography = biography.strip()
    profile.available_from = available_from
    profile.available_until = available_until
    if cv:
        profile.cv = cv
    if profile.status == ResearcherProfile.Status.INACTIVE:
        profile.status = ResearcherProfile.Status.APPLIED
    if created or profile.status == ResearcherProfile.Status.APPLIED:
        profile.applied_at = timezone.now()
    profile.save()
    profile.specialities.set(specialities)
    return profile


@transaction.atomic
def researcher_set_status(*, profile: ResearcherProfile, actor, status: str) -> ResearcherProfile:
    """Programme staff accept (or retire) researchers; accepted ones join the Researchers group."""
    if not actor.is_programme_staff:
        raise ServiceError(_("Only programme staff can accept researchers."))
    if status not in ResearcherProfile.Status.values:
        raise ServiceError(_("Unknown status."))
    profile.status = status
    profile.save(update_fields=["status"])
    group, _created = Group.objects.get_or_create(name=ProgrammeRole.RESEARCHERS)
    if status == ResearcherProfile.Status.ACCEPTED:
        profile.user.groups.add(group)
    else:
        profile.user.groups.remove(group)
    return profile


# The placement state machine


@transaction.atomic
def placement_request(
    *,
    organization,
    requested_by,
    capacity_area,
    goals: str,
    host_provides: str = "",
    start_date: date,
    end_date: date,
) -> Placement:
    if not is_manager(requested_by, organization):
        raise ServiceError(_("Only a manager of the organization can request a researcher placement."))
    if not goals.strip():
        raise ServiceError(_("Describe the goals of the placement."))
    validate_period(start_date, end_date)
    placement = Placement.objects.create(
        organization=organization,
        requested_by=requested_by,
        capacity_area=capacity_area,
        goals=goals.strip(),
        host_provides=host_provides.strip(),
        start_date=start_date,
        end_date=end_date,
        state=S.REQUESTED,
    )
    PlacementTransition.objects.create(placement=placement, from_state="", to_state=S.REQUESTED, actor=requested_by)
    _notify_transition(placement, actor=requested_by)
    return placement


@transaction.atomic
def placement_match(*, placement: Placement, actor, researcher) -> Placement:
    placement = _locked(placement)
    _check(placement, actor, "match")
    profile = ResearcherProfile.objects.filter(user=researcher).first()
    if profile is None or profile.status != ResearcherProfile.Status.ACCEPTED:
        raise ServiceError(_("Only researchers accepted into the programme can be matched."))
    if (profile.available_from and profile.available_from > placement.start_date) or (
        profile.available_until and profile.available_until < placement.end_date
    ):
        raise ServiceError(_("%(name)s is not available for the whole period.") % {"name": researcher})
    if selectors.overlapping_placements(placement).filter(researcher=researcher).exists():
        raise ServiceError(_("%(name)s already has a placement in this period.") % {"name": researcher})
    return _move(placement, actor=actor, action="match", note=str(researcher), researcher=researcher)


@transaction.atomic
def placement_approve(*, placement: Placement, actor) -> Placement:
    placement = _locked(placement)
    _check(placement, actor, "approve")
    validate_period(placement.start_date, placement.end_date)
    return _move(placement, actor=actor, action="approve", decision_reason="")


@transaction.atomic
def placement_decline(*, placement: Placement, actor, reason: str) -> Placement:
    placement = _locked(placement)
    _check(placement, actor, "decline")
    if not reason.strip():
        raise ServiceError(_("Give a reason for declining: the host organization will read it."))
    return _move(placement, actor=actor, action="decline", note=reason.strip(), decision_reason=reason.strip())


@transaction.atomic
def placement_withdraw(*, placement: Placement, actor, reason: str = "") -> Placement:
    placement = _locked(placement)
    _check(placement, actor, "withdraw")
    return _move(placement, actor=actor, action="withdraw", note=reason.strip(), decision_reason=reason.strip())


@transaction.atomic
def placement_activate(*, placement: Placement, actor) -> Placement:
    placement = _locked(placement)
    _check(placement, actor, "activate")
    return _move(placement, actor=actor, action="activate")


@transaction.atomic
def placement_complete(*, placement: Placement, actor) -> Placement:
    placement = _locked(placement)
    _check(placement, actor, "complete")
    if not placement.reports.filter(kind=Report.Kind.FINAL, status=Report.Status.APPROVED).exists():
        raise ServiceError(_("A placement is completed once its final report is approved."))
    return _move(placement, actor=actor, action="complete")


TRANSITION_SERVICES = {
    "approve": placement_approve,
    "decline": placement_decline,
    "withdraw": placement_withdraw,
    "activate": placement_activate,
    "complete": placement_complete,
}


# Work plan


def _require_planner(placement: Placement, actor) -> None:
    access = selectors.access_for(actor, placement)
    if not access.roles:
        raise ServiceError(_("Only the researcher, the host's managers and programme staff can plan milestones."))
    if not access.can_plan:
        raise ServiceError(_("Milestones can be changed only while the placement is approved or active."))


@transaction.atomic
def milestone_create(*, placement: Placement, actor, title: str, due_date: date, description: str = "") -> Milestone:
    _require_planner(placement, actor)
    if not title.strip():
        raise ServiceError(_("Give the milestone a title."))
    if not placement.start_date <= due_date <= placement.end_date:
        raise ServiceError(_("The due date must fall within the placement's period."))
    return Milestone.objects.create(
        placement=placement, title=title.strip(), description=description.strip(), due_date=due_date, created_by=actor
    )


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, actor, title: str, due_date: date, status: str, description: str = ""
) -> Milestone:
    placement = milestone.placement
    _require_planner(placement, actor)
    if not placement.start_date <= due_date <= placement.end_date:
        raise ServiceError(_("The due date must fall within the placement's period."))
    if due_date != milestone.due_date:
        milestone.reminder_sent_at = None
    milestone.title, milestone.description, milestone.due_date = title.strip(), description.strip(), due_date
    if status != milestone.status:
        milestone.completed_at = timezone.now() if status == Milestone.Status.DONE else None
    milestone.status = status
    milestone.save()
    return milestone


def milestone_send_reminders(*, today: date | None = None, days: int | None = None) -> int:
    """Email the researcher and host managers about milestones due soon; each milestone is reminded once."""
    from django.conf import settings

    today = today or timezone.localdate()
    days = days if days is not None else getattr(settings, "PLACEMENT_REMINDER_DAYS", 7)
    sent = 0
    for milestone in selectors.milestones_due(today, days):
        with transaction.atomic():
            claimed = Milestone.objects.filter(pk=milestone.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if not claimed:  # another worker got there first
                continue
            placement = milestone.placement
            recipients = list(selectors.host_managers(placement.organization))
            if placement.researcher:
                recipients.append(placement.researcher)
            send_templated_email(
                to=recipients,
                template="placements/milestone_reminder",
                kind=EmailKind.REMINDERS,
                context={
                    "milestone_title": milestone.title,
                    "due_date": milestone.due_date,
                    "organization_name": placement.organization.name,
                    "url": absolute_url(placement.get_absolute_url()),
                },
            )
            sent += 1
    return sent


# Reports


def _report_fields(kind: str, data: dict) -> dict:
    names = ["body"] if kind == Report.Kind.PROGRESS else [name for name, _label in FINAL_SECTIONS]
    return {name: clean_markdown(data.get(name, "")) for name in names}


def _require_researcher_write(placement: Placement, actor) -> None:
    access = selectors.access_for(actor, placement)
    if not access.is_researcher:
        raise ServiceError(_("Only the placement's researcher can write its reports."))
    if not access.researcher_can_write:
        raise ServiceError(_("Reports can be written only while the placement is active."))


@transaction.atomic
def report_create(*, placement: Placement, actor, kind: str, title: str, summary: str = "", **sections) -> Report:
    _require_researcher_write(placement, actor)
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
        author=actor,
        **_report_fields(kind, sections),
    )


@transaction.atomic
def report_update(*, report: Report, actor, title: str, summary: str = "", **sections) -> Report:
    _require_researcher_write(report.placement, actor)
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
def report_add_attachment(*, report: Report, actor, title: str, file) -> ReportAttachment:
    _require_researcher_write(report.placement, actor)
    if report.status == Report.Status.APPROVED:
        raise ServiceError(_("An approved report cannot be changed."))
    check_upload(file, rule=ATTACHMENT_RULE)
    return ReportAttachment.objects.create(
        report=report, title=title.strip() or file.name, file=file, uploaded_by=actor
    )


@transaction.atomic
def report_submit(*, report: Report, actor) -> Report:
    _require_researcher_write(report.placement, actor)
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


def _require_reviewer(report: Report, actor, *, staff_only: bool = False) -> None:
    access = selectors.access_for(actor, report.placement)
    if staff_only and not access.is_staff:
        raise ServiceError(_("Only programme staff can approve a final report."))
    if not access.can_review:
        raise ServiceError(_("Only programme staff and the host organization's managers can review reports."))
    if report.status != Report.Status.SUBMITTED:
        raise ServiceError(_("Only a submitted report can be reviewed."))


@transaction.atomic
def report_comment(*, report: Report, actor, body: str, internal: bool = False) -> ReportComment:
    access = selectors.access_for(actor, report.placement)
    if not access.roles or report.status == Report.Status.DRAFT:
        raise ServiceError(_("You cannot comment on this report."))
    if access.roles == frozenset({selectors.RESEARCHER}) and not access.researcher_can_write:
        raise ServiceError(_("The placement has ended; comments are closed for you."))
    if internal and not access.is_staff:
        raise ServiceError(_("Only programme staff can write internal comments."))
    if not has_text(body):
        raise ServiceError(_("The comment is empty."))
    return ReportComment.objects.create(report=report, author=actor, body=clean_markdown(body), internal=internal)


@transaction.atomic
def report_request_changes(*, report: Report, actor, comment: str) -> Report:
    report = _locked_report(report)
    _require_reviewer(report, actor)
    if not has_text(comment):
        raise ServiceError(_("Say what should change: the researcher will read it."))
    ReportComment.objects.create(report=report, author=actor, body=clean_markdown(comment), requests_changes=True)
    report.status = Report.Status.CHANGES_REQUESTED
    report.save(update_fields=["status", "updated_at"])
    if report.placement.researcher:
        _notify_report(report, [report.placement.researcher])
    return report


@transaction.atomic
def report_approve(*, report: Report, actor) -> Report:
    """Host managers or staff approve progress reports; only staff approve (and so publish) the final report."""
    report = _locked_report(report)
    _require_reviewer(report, actor, staff_only=report.is_final)
    report.status = Report.Status.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = actor
    report.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    record(action="placement_report.approve", actor=actor, target=report, details={"kind": report.kind})
    if report.is_final:
        report_publish(report=report, actor=actor)
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


# Publication


def report_index_page() -> PlacementReportIndexPage:
    """The index page, created under the default site's home page when missing."""
    index = PlacementReportIndexPage.objects.first()
    if index is not None:
        return index
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page.specific
    index = PlacementReportIndexPage(
        title=_("Researcher reports"),
        slug="placement-reports",
        intro=_("Reports written by NGO Researchers at the end of their placements."),
    )
    root.add_child(instance=index)
    index.save_revision().publish()
    return index


def _unique_slug(parent, base: str) -> str:
    base = slugify(base)[:60] or "report"
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def report_publish(*, report: Report, actor, publish_now: bool | None = None) -> PlacementReportPage:
    """Create the public page for an approved final report.

    Goes live or into moderation by lms.publishing's rule (Wagtail's default workflow is "Moderators
    approval").
    """
    if not report.is_final or report.status != Report.Status.APPROVED:
        raise ServiceError(_("Only an approved final report can be published."))
    placement = report.placement
    index = report_index_page()
    # The public page holds HTML (its template sanitizes it again); the report keeps the Markdown.
    fields = {name: str(render_markdown(getattr(report, name))) for name, _label in FINAL_SECTIONS}
    page = report.page
    if page is None:
        page = PlacementReportPage(
            title=report.title,
            slug=_unique_slug(index, f"{placement.organization.slug}-{placement.start_date:%Y}"),
            live=False,
        )
    page.title = report.title
    page.summary = report.summary
    page.organization = placement.organization
    page.capacity_area = placement.capacity_area
    page.researcher_name = str(placement.researcher or "")
    page.period_start, page.period_end = placement.start_date, placement.end_date
    for name, value in fields.items():
        setattr(page, name, value)
    if page.pk is None:
        index.add_child(instance=page)
        report.page = page
        report.save(update_fields=["page"])
    # Only programme staff approve a final report: that approval is the review when no workflow applies.
    page_publish_or_submit(page=page, by=actor, reviewed=True, publish_now=publish_now)
    return page
