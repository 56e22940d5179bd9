"""Every transition, from every state, by every role: allowed ones move and log; refused ones change nothing."""

import pytest
from django.core import mail

from lms.errors import ServiceError
from placements import services
from placements.models import Placement, PlacementTransition, Report

S = Placement.State
ROLES = ["staff", "host", "researcher", "member", "other_manager", "outsider"]
ALLOWED = {
    # action: (source states, roles)
    "match": ({S.REQUESTED, S.MATCHED}, {"staff"}),
    "approve": ({S.MATCHED}, {"staff"}),
    "decline": ({S.REQUESTED, S.MATCHED}, {"staff"}),
    "withdraw": ({S.REQUESTED, S.MATCHED, S.APPROVED}, {"staff", "host"}),
    "activate": ({S.APPROVED}, {"staff", "host"}),
    "complete": ({S.ACTIVE}, {"staff"}),
}
TARGET = {
    "match": S.MATCHED,
    "approve": S.APPROVED,
    "decline": S.DECLINED,
    "withdraw": S.WITHDRAWN,
    "activate": S.ACTIVE,
    "complete": S.COMPLETED,
}


def _run(action, placement, actor, researcher):
    if action == "match":
        return services.placement_match(placement=placement, by=actor, researcher=researcher)
    if action in ("decline", "withdraw"):
        return services.TRANSITION_SERVICES[action](placement=placement, by=actor, reason="Budget was cut.")
    return services.TRANSITION_SERVICES[action](placement=placement, by=actor)


def test_rules_table_matches_the_services():
    assert {name: (set(rule.sources), set(rule.roles)) for name, rule in services.RULES.items()} == {
        name: (sources, set(roles)) for name, (sources, roles) in ALLOWED.items()
    }


@pytest.mark.parametrize("state", list(S.values))
@pytest.mark.parametrize("action", list(ALLOWED))
def test_transition_matrix(action, state, people, make_placement, make_report, researcher):
    """One case per action and state; inside, every role tries it on a fresh placement."""
    sources, roles = ALLOWED[action]
    for role in ROLES:
        placement = make_placement(state)
        if action == "complete":
            make_report(placement, kind=Report.Kind.FINAL, status=Report.Status.APPROVED)
        actor = people[role]
        before = PlacementTransition.objects.count()
        if state in sources and role in roles:
            result = _run(action, placement, actor, researcher)
            result.refresh_from_db()
            assert result.state == TARGET[action], role
            log = PlacementTransition.objects.latest("pk")
            assert (log.from_state, log.to_state, log.actor) == (state, TARGET[action], actor), role
            assert log.created_at is not None
        else:
            with pytest.raises(ServiceError) as error:
                _run(action, placement, actor, researcher)
            assert error.value.message_text, role  # a clear message, never empty
            placement.refresh_from_db()
            assert placement.state == state, role
            assert PlacementTransition.objects.count() == before, role


def test_refusal_messages_say_why(people, make_placement):
    placement = make_placement(S.MATCHED)
    with pytest.raises(ServiceError, match="Only programme staff can approve"):
        services.placement_approve(placement=placement, by=people["host"])
    done = make_placement(S.COMPLETED)
    with pytest.raises(ServiceError, match="is completed, so you cannot approve"):
        services.placement_approve(placement=done, by=people["staff"])


def test_complete_needs_an_approved_final_report(people, make_placement):
    placement = make_placement(S.ACTIVE)
    with pytest.raises(ServiceError, match="final report"):
        services.placement_complete(placement=placement, by=people["staff"])
    placement.refresh_from_db()
    assert placement.state == S.ACTIVE


def test_decline_needs_a_reason(people, make_placement):
    placement = make_placement(S.REQUESTED)
    with pytest.raises(ServiceError, match="reason"):
        services.placement_decline(placement=placement, by=people["staff"], reason="  ")
    placement.refresh_from_db()
    assert placement.state == S.REQUESTED


def test_full_path_logs_every_step_and_emails(
    people, organization, area, researcher, mailoutbox, django_capture_on_commit_callbacks
):
    from placements.factories import next_window_start

    start = next_window_start()
    with django_capture_on_commit_callbacks(execute=True):
        placement = services.placement_request(
            organization=organization,
            requested_by=people["host"],
            capacity_area=area,
            goals="Grow",
            start_date=start,
            end_date=start.replace(month=11, day=30),
        )
    assert [m.to for m in mailoutbox] == [[people["staff"].email]]
    mail.outbox.clear()
    staff = people["staff"]
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_match(placement=placement, by=staff, researcher=researcher)
        services.placement_approve(placement=placement, by=staff)
        services.placement_activate(placement=placement, by=people["host"])
    recipients = sorted(addr for m in mailoutbox for addr in m.to)
    assert people["host"].email in recipients and researcher.email in recipients
    assert list(placement.transitions.values_list("to_state", flat=True)) == [
        S.REQUESTED,
        S.MATCHED,
        S.APPROVED,
        S.ACTIVE,
    ]
