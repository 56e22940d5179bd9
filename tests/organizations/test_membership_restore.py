"""Removing a member keeps their place: a manager can restore it, and both steps are in the audit trail."""

import pytest
from django.urls import reverse

from lms.errors import ServiceError
from lms.models import AuditEvent
from organizations import services
from organizations.factories import MembershipFactory
from organizations.models import Membership, MembershipRemoval


@pytest.fixture
def removed(client_for, organization, manager, member):
    membership = Membership.objects.get(user=member)
    membership.job_title = "Field officer"
    membership.save()
    client_for(manager).post(reverse("organizations:member_remove", args=[organization.slug, membership.pk]))
    return MembershipRemoval.objects.get(user=member, organization=organization)


def test_removal_keeps_the_place_and_the_page_offers_to_restore_it(client_for, organization, manager, member, removed):
    assert not Membership.objects.filter(user=member, organization=organization).exists()
    assert removed.role == Membership.Role.MEMBER and removed.job_title == "Field officer"
    assert removed.removed_by == manager
    assert AuditEvent.objects.filter(action="membership.removed").count() == 1
    page = client_for(manager).get(reverse("organizations:members", args=[organization.slug]))
    assert "Recently removed" in page.content.decode()
    assert reverse("organizations:member_restore", args=[organization.slug, removed.pk]) in page.content.decode()


def test_manager_restores_with_the_role_and_title_they_had(client_for, organization, manager, member, removed):
    url = reverse("organizations:member_restore", args=[organization.slug, removed.pk])
    response = client_for(manager).post(url, follow=True)
    membership = Membership.objects.get(user=member, organization=organization)
    assert membership.role == Membership.Role.MEMBER and membership.job_title == "Field officer"
    assert "is a member again" in response.content.decode()
    assert AuditEvent.objects.filter(action="membership.restored", actor=manager).exists()
    removed.refresh_from_db()
    assert removed.restored_at is not None
    assert "Recently removed" not in response.content.decode()
    # A second restore (a double click) changes nothing and says why.
    again = client_for(manager).post(url, follow=True)
    assert "already been restored" in again.content.decode()
    assert Membership.objects.filter(user=member, organization=organization).count() == 1


def test_someone_back_by_another_way_is_not_doubled(client_for, organization, manager, member, removed):
    MembershipFactory(user=member, organization=organization)
    with pytest.raises(ServiceError):
        services.membership_restore(removal=removed, by=manager)
    assert Membership.objects.filter(user=member, organization=organization).count() == 1


def test_only_this_organizations_managers_restore(client_for, organization, other_organization, removed):
    url = reverse("organizations:member_restore", args=[organization.slug, removed.pk])
    assert client_for(None).post(url).status_code == 302
    plain_member = MembershipFactory(organization=organization).user
    assert client_for(plain_member).post(url).status_code == 404
    other_manager = MembershipFactory(organization=other_organization, role=Membership.Role.MANAGER).user
    assert client_for(other_manager).post(url).status_code == 404
    # Tampering: A's removal through B's URL, by B's manager.
    tampered = reverse("organizations:member_restore", args=[other_organization.slug, removed.pk])
    assert client_for(other_manager).post(tampered).status_code == 404
    assert not Membership.objects.filter(user=removed.user, organization=organization).exists()
    assert client_for(None).get(url).status_code == 302
