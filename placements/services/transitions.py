"""The placement state machine: a declarative table of transitions, and one service per transition.

Each transition locks the row, re-checks who may act and from which state, logs the transition,
audits it and mails the people concerned on commit. A refused transition raises ServiceError before
anything is written, so nothing changes.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.audit import record
from lms.email import absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.locking import lock
from organizations.selectors import is_manager

from .. import selectors
from ..models import Placement, PlacementTransition, Report, ResearcherProfile
from ..periods import validate_period
from ..selectors import HOST, STAFF

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


def _check(placement: Placement, by, action: str) -> Rule:
    rule = RULES[action]
    roles = selectors.roles_for(by, placement)
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


def _move(placement: Placement, *, by, action: str, note: str = "", **changes) -> Placement:
    rule = RULES[action]
    from_state = placement.state
    placement.state = rule.target
    for field, value in changes.items():
        setattr(placement, field, value)
    placement.save()
    PlacementTransition.objects.create(
        placement=placement, from_state=from_state, to_state=rule.target, actor=by, note=note
    )
    record(action=f"placement.{action}", actor=by, target=placement, details={"from": from_state, "to": rule.target})
    _notify_transition(placement, by=by, note=note)
    return placement


def _notify_transition(placement: Placement, *, by, note: str = "") -> None:
    recipients = {u.pk: u for u in selectors.host_managers(placement.organization)}
    if placement.researcher_id and placement.state != S.DECLINED:
        recipients[placement.researcher_id] = placement.researcher
    if placement.state == S.REQUESTED:
        recipients = {u.pk: u for u in selectors.programme_staff_users()}
    recipients.pop(getattr(by, "pk", None), None)
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
            "actor_name": str(by),
            "note": note,
            "url": absolute_url(placement.get_absolute_url()),
        },
    )


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
    _notify_transition(placement, by=requested_by)
    return placement


@transaction.atomic
def placement_match(*, placement: Placement, by, researcher) -> Placement:
    placement = _locked(placement)
    _check(placement, by, "match")
    profile = ResearcherProfile.objects.filter(user=researcher).first()
    if profile is None or profile.status != ResearcherProfile.Status.ACCEPTED:
        raise ServiceError(_("Only researchers accepted into the programme can be matched."))
    if (profile.available_from and profile.available_from > placement.start_date) or (
        profile.available_until and profile.available_until < placement.end_date
    ):
        raise ServiceError(_("%(name)s is not available for the whole period.") % {"name": researcher})
    if selectors.overlapping_placements(placement).filter(researcher=researcher).exists():
        raise ServiceError(_("%(name)s already has a placement in this period.") % {"name": researcher})
    return _move(placement, by=by, action="match", note=str(researcher), researcher=researcher)


@transaction.atomic
def placement_approve(*, placement: Placement, by) -> Placement:
    placement = _locked(placement)
    _check(placement, by, "approve")
    validate_period(placement.start_date, placement.end_date)
    return _move(placement, by=by, action="approve", decision_reason="")


@transaction.atomic
def placement_decline(*, placement: Placement, by, reason: str) -> Placement:
    placement = _locked(placement)
    _check(placement, by, "decline")
    if not reason.strip():
        raise ServiceError(_("Give a reason for declining: the host organization will read it."))
    return _move(placement, by=by, action="decline", note=reason.strip(), decision_reason=reason.strip())


@transaction.atomic
def placement_withdraw(*, placement: Placement, by, reason: str = "") -> Placement:
    placement = _locked(placement)
    _check(placement, by, "withdraw")
    return _move(placement, by=by, action="withdraw", note=reason.strip(), decision_reason=reason.strip())


@transaction.atomic
def placement_activate(*, placement: Placement, by) -> Placement:
    placement = _locked(placement)
    _check(placement, by, "activate")
    return _move(placement, by=by, action="activate")


@transaction.atomic
def placement_complete(*, placement: Placement, by) -> Placement:
    placement = _locked(placement)
    _check(placement, by, "complete")
    if not placement.reports.filter(kind=Report.Kind.FINAL, status=Report.Status.APPROVED).exists():
        raise ServiceError(_("A placement is completed once its final report is approved."))
    return _move(placement, by=by, action="complete")


TRANSITION_SERVICES = {
    "approve": placement_approve,
    "decline": placement_decline,
    "withdraw": placement_withdraw,
    "activate": placement_activate,
    "complete": placement_complete,
}
