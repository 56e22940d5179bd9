"""Isolation: a manager sees their own organization's figures only; everyone else gets 404, never other rows."""

import pytest
from django.urls import reverse

from advisors.factories import AdvisorProfileFactory, ConsultationFactory
from advisors.models import Consultation
from organizations.factories import MembershipFactory, UserFactory
from organizations.models import Membership
from progress.factories import AssessmentResponseFactory, TargetFactory
from studygroups.factories import GroupMembershipFactory


@pytest.fixture
def other_manager(other_organization):
    return MembershipFactory(organization=other_organization, role=Membership.Role.MANAGER).user


@pytest.fixture
def secret_member(other_organization):
    """A member of the other organization whose name must never appear in the first one's pages."""
    user = UserFactory(first_name="Zebulon", last_name="Secretperson", email="zebulon@other.example.org")
    MembershipFactory(organization=other_organization, user=user)
    advisor = AdvisorProfileFactory()
    membership = Membership.objects.get(user=user)
    ConsultationFactory(advisor=advisor, membership=membership, status=Consultation.Status.COMPLETED)
    GroupMembershipFactory(user=user, organization=other_organization)
    TargetFactory(organization=other_organization, title="Secret target of the other NGO")
    return user


def dashboard(org):
    return reverse("progress:organization", kwargs={"slug": org.slug})


def export(org, table="members", fmt="csv"):
    return reverse("progress:organization_export", kwargs={"slug": org.slug, "table": table, "fmt": fmt})


def test_anonymous_is_sent_to_login(client_for, organization):
    response = client_for(None).get(dashboard(organization))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_roles(client_for, organization, manager, member, programme_staff, user):
    assert client_for(manager).get(dashboard(organization)).status_code == 200
    assert client_for(programme_staff).get(dashboard(organization)).status_code == 200
    assert client_for(member).get(dashboard(organization)).status_code == 404
    assert client_for(user).get(dashboard(organization)).status_code == 404
    assert client_for(manager).get(reverse("progress:organization", kwargs={"slug": "no-such"})).status_code == 404


def test_manager_of_a_cannot_open_b(client_for, manager, other_organization, secret_member):
    client = client_for(manager)
    urls = [
        dashboard(other_organization),
        export(other_organization),
        export(other_organization, "timeline", "xlsx"),
        reverse("progress:member", kwargs={"slug": other_organization.slug, "user_id": secret_member.pk}),
        reverse("progress:assessments", kwargs={"slug": other_organization.slug}),
        reverse("progress:target_create", kwargs={"slug": other_organization.slug}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("progress:assessment_start", kwargs={"slug": other_organization.slug})).status_code == 404
    )


@pytest.mark.parametrize("value", ["other", "0", "", "abc", "list"])
def test_tampered_organization_parameter_is_404(
    client_for, organization, manager, other_organization, secret_member, value
):
    client = client_for(manager)
    if value == "other":
        query = {"organization": other_organization.pk}
    elif value == "list":
        query = {"organization": [organization.pk, other_organization.pk]}
    else:
        query = {"organization": value}
    for url in (dashboard(organization), export(organization), export(organization, "consultations", "xlsx")):
        response = client.get(url, query)
        assert response.status_code == 404, (url, value)
        assert b"Secretperson" not in response.content
    # The organization's own id is accepted.
    assert client.get(dashboard(organization), {"organization": organization.pk}).status_code == 200


@pytest.mark.parametrize("value", ["other", "0", "abc", "list"])
def test_tampered_member_parameter_is_404(client_for, organization, manager, member, secret_member, value):
    query = {
        "other": {"member": secret_member.pk},
        "0": {"member": "0"},
        "abc": {"member": "abc"},
        "list": {"member": [member.pk, secret_member.pk]},
    }[value]
    client = client_for(manager)
    assert client.get(dashboard(organization), query).status_code == 404
    assert client.get(export(organization), query).status_code == 404


def test_exports_hold_only_own_rows(client_for, organization, manager, member, other_organization, secret_member):
    client = client_for(manager)
    for table in ("members", "consultations", "study_groups", "targets", "timeline", "activity"):
        for fmt in ("csv", "xlsx"):
            response = client.get(export(organization, table, fmt))
            assert response.status_code == 200
            assert response["Content-Disposition"].startswith("attachment;")
            assert b"Secretperson" not in response.content
            assert b"Secret target" not in response.content
    page = client.get(dashboard(organization), {"fy": "all"})
    assert b"Secretperson" not in page.content and b"Secret target" not in page.content
    assert client.get(export(organization, "nonsense")).status_code == 404
    assert client.get(export(organization, "members", "pdf")).status_code == 404


def test_responses_and_targets_of_b_are_404_for_a(client_for, organization, manager, other_organization):
    response = AssessmentResponseFactory(organization=other_organization)
    target = TargetFactory(organization=other_organization)
    client = client_for(manager)
    # Through A's own URL, B's objects are simply not there.
    assert client.get(reverse("progress:response", args=[organization.slug, response.pk])).status_code == 404
    assert client.get(reverse("progress:target_edit", args=[organization.slug, target.pk])).status_code == 404
    assert (
        client.post(reverse("progress:target_status", args=[organization.slug, target.pk]), {"status": "archived"})
    ).status_code == 404


def test_learner_cannot_see_another_learners_progress(client_for, organization, member):
    colleague = MembershipFactory(organization=organization).user
    client = client_for(member)
    assert client.get(reverse("progress:member", args=[organization.slug, colleague.pk])).status_code == 404
    assert client.get(reverse("progress:member", args=[organization.slug, member.pk])).status_code == 404


def test_member_view_for_manager(client_for, organization, manager, member, secret_member, other_organization):
    client = client_for(manager)
    assert client.get(reverse("progress:member", args=[organization.slug, member.pk])).status_code == 200
    # A member of another organization is not reachable through this organization.
    assert client.get(reverse("progress:member", args=[organization.slug, secret_member.pk])).status_code == 404


def test_programme_is_for_programme_staff(client_for, manager, programme_staff):
    urls = [
        reverse("progress:programme"),
        reverse("progress:programme_organizations"),
        reverse("progress:programme_export", args=["organizations", "csv"]),
        reverse("progress:programme_export", args=["trend", "xlsx"]),
    ]
    for url in urls:
        anonymous = client_for(None).get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
        assert client_for(manager).get(url).status_code == 404
        assert client_for(programme_staff).get(url).status_code == 200
    assert (
        client_for(programme_staff).get(reverse("progress:programme_export", args=["nope", "csv"])).status_code == 404
    )


def test_programme_staff_read_but_do_not_act_for_the_organization(client_for, organization, programme_staff):
    from progress.factories import AssessmentResponseFactory

    client = client_for(programme_staff)
    page = client.get(dashboard(organization)).content.decode()
    assert reverse("progress:target_create", args=[organization.slug]) not in page
    assert client.get(reverse("progress:target_create", args=[organization.slug])).status_code == 403
    assert client.post(reverse("progress:assessment_start", args=[organization.slug])).status_code == 403
    draft = AssessmentResponseFactory(organization=organization, status="draft", submitted_at=None)
    # A draft reads back for staff, without the form.
    response = client.get(reverse("progress:response", args=[organization.slug, draft.pk]))
    assert response.status_code == 200 and b'name="submit"' not in response.content
