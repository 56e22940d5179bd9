"""PostgreSQL: invitations and manager roles changed by two people at the same moment."""

import pytest

from organizations import services
from organizations.factories import MembershipFactory, UserFactory
from organizations.models import Invitation, Membership
from tests.concurrency import OK, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_managers_demoting_each_other_at_once_leave_one(organization, manager):
    other = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user

    def demote(target, by):
        return lambda: services.membership_set_role(
            membership=Membership.objects.get(organization=organization, user=target), role="member", by=by
        )

    outcomes = race([demote(manager, other), demote(other, manager)])
    assert outcomes.count(OK) == 1, outcomes
    assert Membership.objects.filter(organization=organization, role="manager").count() == 1


def test_accepting_and_withdrawing_an_invitation_at_once_end_consistent(organization, manager):
    invitee = UserFactory(email="invitee@example.org")
    invitation = services.invitation_create(
        organization=organization, email=invitee.email, role="member", invited_by=manager
    )

    def fresh():
        return Invitation.objects.get(pk=invitation.pk)

    outcomes = race(
        [
            lambda: services.invitation_accept(invitation=fresh(), user=invitee),
            lambda: services.invitation_revoke(invitation=fresh(), by=manager),
        ]
    )
    assert outcomes.count(OK) == 1, outcomes
    invitation.refresh_from_db()
    is_member = Membership.objects.filter(organization=organization, user=invitee).exists()
    assert (invitation.status == "accepted") == is_member
    assert invitation.status in ("accepted", "revoked")


def test_accepting_twice_at_once_makes_one_membership(organization, manager):
    invitee = UserFactory(email="twice@example.org")
    invitation = services.invitation_create(
        organization=organization, email=invitee.email, role="member", invited_by=manager
    )
    accept = lambda: services.invitation_accept(invitation=Invitation.objects.get(pk=invitation.pk), user=invitee)  # noqa: E731
    outcomes = race([accept, accept])
    assert sorted(outcomes) == sorted([OK, "This invitation has already been answered."])
    assert Membership.objects.filter(organization=organization, user=invitee).count() == 1
