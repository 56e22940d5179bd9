"""Invitations: invite, accept, decline, expire, revoke, wrong user; roles and removal."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.errors import ServiceError
from organizations import services
from organizations.factories import InvitationFactory, MembershipFactory, UserFactory
from organizations.models import Invitation, Membership

pytestmark = pytest.mark.django_db


def test_manager_invites_and_invitee_accepts(client_for, organization, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(
            reverse("organizations:members", args=[organization.slug]),
            {"email": "Colleague@Example.org", "role": "member"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "colleague@example.org"
    assert mail.outbox[-1].to == ["colleague@example.org"]
    assert invitation.token in mail.outbox[-1].body

    colleague = UserFactory(email="colleague@example.org")
    c = client_for(colleague)
    assert c.get(invitation.get_absolute_url()).status_code == 200
    response = c.post(invitation.get_absolute_url(), {"action": "accept"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=colleague, organization=organization, role="member").exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


def test_invitee_declines(client_for, organization):
    invitation = InvitationFactory(organization=organization, email="x@example.org")
    c = client_for(UserFactory(email="x@example.org"))
    c.post(invitation.get_absolute_url(), {"action": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert not Membership.objects.filter(organization=organization).exists()


def test_expired_invitation_cannot_be_accepted(client_for, organization):
    invitation = InvitationFactory(
        organization=organization, email="late@example.org", expires_at=timezone.now() - timedelta(minutes=1)
    )
    user = UserFactory(email="late@example.org")
    response = client_for(user).post(invitation.get_absolute_url(), {"action": "accept"}, follow=True)
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_revoked_invitation_cannot_be_accepted(client_for, organization, manager):
    invitation = InvitationFactory(organization=organization, email="gone@example.org")
    response = client_for(manager).post(
        reverse("organizations:invitation_revoke", args=[organization.slug, invitation.pk])
    )
    assert response.status_code == 302
    user = UserFactory(email="gone@example.org")
    response = client_for(user).post(invitation.get_absolute_url(), {"action": "accept"}, follow=True)
    assert "withdrawn" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_wrong_user_gets_404_and_cannot_accept(client_for, organization):
    invitation = InvitationFactory(organization=organization, email="right@example.org")
    intruder = UserFactory(email="intruder@example.org")
    assert client_for(intruder).get(invitation.get_absolute_url()).status_code == 404
    assert client_for(intruder).post(invitation.get_absolute_url(), {"action": "accept"}).status_code == 404
    with pytest.raises(ServiceError):
        services.invitation_accept(invitation=invitation, user=intruder)
    assert not Membership.objects.filter(user=intruder).exists()


def test_anonymous_is_sent_to_login(client_for, organization):
    invitation = InvitationFactory(organization=organization)
    response = client_for(None).get(invitation.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_duplicate_and_member_invitations_are_refused(client_for, organization, manager, member):
    c = client_for(manager)
    url = reverse("organizations:members", args=[organization.slug])
    c.post(url, {"email": "dup@example.org", "role": "member"})
    response = c.post(url, {"email": "DUP@example.org", "role": "member"})
    assert response.status_code == 200 and "already has a pending invitation" in response.content.decode()
    response = c.post(url, {"email": member.email, "role": "member"})
    assert "already a member" in response.content.decode()
    response = c.post(url, {"email": "not-an-email", "role": "member"})
    assert response.status_code == 200 and Invitation.objects.count() == 1


def test_member_cannot_invite_or_see_member_management(client_for, organization, member):
    url = reverse("organizations:members", args=[organization.slug])
    assert client_for(member).get(url).status_code == 404
    assert client_for(member).post(url, {"email": "a@example.org", "role": "member"}).status_code == 404
    assert not Invitation.objects.exists()


def test_manager_of_a_gets_404_on_b(client_for, organization, other_organization, manager):
    other_member = MembershipFactory(organization=other_organization).user
    membership = Membership.objects.get(user=other_member)
    c = client_for(manager)
    assert c.get(reverse("organizations:members", args=[other_organization.slug])).status_code == 404
    assert c.get(reverse("organizations:edit", args=[other_organization.slug])).status_code == 404
    assert (
        c.post(reverse("organizations:member_remove", args=[other_organization.slug, membership.pk])).status_code == 404
    )
    # Tampering: B's membership id through A's URL.
    assert c.post(reverse("organizations:member_remove", args=[organization.slug, membership.pk])).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_members_only_part_of_profile(client_for, organization, other_organization, member):
    organization.internal_notes = "Secret staff notes"
    organization.save()
    assert b"Secret staff notes" in client_for(member).get(organization.get_absolute_url()).content
    outsider = MembershipFactory(organization=other_organization).user
    assert b"Secret staff notes" not in client_for(outsider).get(organization.get_absolute_url()).content
    assert b"Secret staff notes" not in client_for(None).get(organization.get_absolute_url()).content


def test_roles_change_and_last_manager_is_kept(client_for, organization, manager, member):
    c = client_for(manager)
    m = Membership.objects.get(user=member)
    c.post(reverse("organizations:member_role", args=[organization.slug, m.pk]), {"role": "manager"})
    m.refresh_from_db()
    assert m.role == "manager"
    # Two managers now: one may step down; the last one may not.
    own = Membership.objects.get(user=manager)
    c.post(reverse("organizations:member_role", args=[organization.slug, own.pk]), {"role": "member"})
    own.refresh_from_db()
    assert own.role == "member"
    with pytest.raises(ServiceError):
        services.membership_set_role(membership=m, role="member", by=m.user)
    with pytest.raises(ServiceError):
        services.membership_remove(membership=m, by=m.user)


def test_manager_removes_member(client_for, organization, manager, member):
    m = Membership.objects.get(user=member)
    client_for(manager).post(reverse("organizations:member_remove", args=[organization.slug, m.pk]))
    assert not Membership.objects.filter(pk=m.pk).exists()


def test_manager_edits_profile_with_validation(client_for, organization, manager):
    url = reverse("organizations:edit", args=[organization.slug])
    response = client_for(manager).post(url, {"name": "", "legal_form": "npo", "website": "not a url"})
    assert response.status_code == 200
    organization.refresh_from_db()
    assert organization.name == "Kanto Water Partners"
    response = client_for(manager).post(url, {"name": "Kanto Water", "legal_form": "npo"})
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "Kanto Water"


def test_a_user_may_belong_to_several_organizations(organization, other_organization, user):
    MembershipFactory(user=user, organization=organization)
    MembershipFactory(user=user, organization=other_organization, role="manager")
    assert set(user.organizations.values_list("slug", flat=True)) == {organization.slug, other_organization.slug}
