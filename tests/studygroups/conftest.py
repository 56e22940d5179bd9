import pytest
from django.core import mail

from organizations.factories import MembershipFactory, OrganizationFactory, UserFactory
from studygroups.factories import FacilitatorFactory, GroupMembershipFactory, StudyGroupFactory
from studygroups.models import GroupMembership
from tests.oncommit import CommittingClient


@pytest.fixture
def group(organization):
    return StudyGroupFactory(title="Financial transparency", slug="transparency", lead_organization=organization)


@pytest.fixture
def other_group(other_organization):
    return StudyGroupFactory(title="Field safety", slug="safety", lead_organization=other_organization)


@pytest.fixture
def facilitation(group, organization):
    user = UserFactory(email="fac@example.org")
    MembershipFactory(user=user, organization=organization)
    return FacilitatorFactory(group=group, user=user, organization=organization)


@pytest.fixture
def facilitator(facilitation):
    return facilitation.user


@pytest.fixture
def membership(group, other_organization, facilitation):
    user = UserFactory(email="haruka.sato@example.org")
    MembershipFactory(user=user, organization=other_organization)
    return GroupMembershipFactory(group=group, user=user, organization=other_organization)


@pytest.fixture
def group_member(membership):
    return membership.user


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.org")


@pytest.fixture
def other_facilitator(other_group):
    return FacilitatorFactory(group=other_group, user=UserFactory(email="other-fac@example.org")).user


@pytest.fixture
def applicant(group):
    return GroupMembershipFactory(group=group, status=GroupMembership.Status.APPLIED).user


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture
def org_factory():
    return OrganizationFactory


@pytest.fixture
def client_class():
    """Requests here queue mail for after the commit: each request's after-commit work runs as it answers."""
    return CommittingClient


@pytest.fixture
def client(client_class):
    return client_class()
