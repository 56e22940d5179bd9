"""PostgreSQL: approving one request twice at once, or asking twice at once, ends in one record."""

from types import SimpleNamespace

import pytest

from organizations import joining
from organizations.factories import MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import FieldOfActivity, JoinRequest, Membership, Organization, OrganizationApplication
from tests.advisors.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def org_and_managers():
    org = OrganizationFactory()
    managers = [MembershipFactory(organization=org, role=Membership.Role.MANAGER).user for _ in range(2)]
    return org, managers


def test_two_managers_approving_at_once_make_one_membership(org_and_managers):
    org, managers = org_and_managers
    person = UserFactory()
    join_request = joining.join_request_create(organization=org, user=person)
    calls = [lambda m=m: joining.join_request_approve(join_request=join_request, by=m) for m in managers * 3]
    outcomes = race(calls)
    assert outcomes.count("booked") == 1, outcomes
    assert all("already been answered" in o for o in outcomes if o != "booked"), outcomes
    assert Membership.objects.filter(user=person, organization=org).count() == 1


def test_asking_twice_at_once_makes_one_request(org_and_managers):
    org, _managers = org_and_managers
    person = UserFactory()
    outcomes = race([lambda: joining.join_request_create(organization=org, user=person) for _ in range(5)])
    assert outcomes.count("booked") == 1, outcomes
    assert JoinRequest.objects.filter(user=person).count() == 1


def test_without_the_lock_the_pending_constraint_still_holds(org_and_managers, monkeypatch):
    org, _managers = org_and_managers
    person = UserFactory()
    real = JoinRequest.objects.filter

    # Hide the pending check so every racer reaches the insert: the partial unique index decides.
    def blind(*args, **kwargs):
        if kwargs.get("status") == JoinRequest.Status.PENDING and "decided_at__gte" not in kwargs:
            return JoinRequest.objects.none()
        return real(*args, **kwargs)

    monkeypatch.setattr(JoinRequest.objects, "filter", blind)
    no_lock = SimpleNamespace(select_for_update=lambda: SimpleNamespace(get=lambda **kwargs: None))
    monkeypatch.setattr(joining.join_requests, "User", SimpleNamespace(objects=no_lock))
    outcomes = race([lambda: joining.join_request_create(organization=org, user=person) for _ in range(5)])
    assert outcomes.count("booked") == 1, outcomes
    assert JoinRequest._base_manager.count() == 1


def test_approving_an_application_twice_at_once_creates_one_organization():
    staff = UserFactory(groups=["Programme staff"])
    applicant = UserFactory()
    application = OrganizationApplication.objects.create(
        applicant=applicant,
        name_en="Race NGO",
        name_ja="競争の会",
        legal_form="npo",
        head_office="13",
        applicant_role="Director",
    )
    application.fields_of_activity.set(FieldOfActivity.objects.none())
    outcomes = race([lambda: joining.application_approve(application=application, by=staff) for _ in range(4)])
    assert outcomes.count("booked") == 1, outcomes
    assert Organization.objects.filter(name="Race NGO").count() == 1
