import pytest

from lms.errors import ServiceError
from studygroups import services
from studygroups.models import GroupMembership, StudyGroup
from tests.oncommit import committed

pytestmark = pytest.mark.django_db

STATEMENT = "We run projects in Kenya and want to improve our financial reporting."


@pytest.fixture
def recruiting(group):
    group.status = StudyGroup.Status.RECRUITING
    group.save()
    return group


def test_apply_then_approved_opens_workspace(client_for, recruiting, facilitator, outsider, outbox):
    client = client_for(outsider)
    assert client.get(f"/study-groups/{recruiting.slug}/apply/").status_code == 200
    response = client.post(f"/study-groups/{recruiting.slug}/apply/", {"statement": STATEMENT})
    assert response.status_code == 302
    membership = GroupMembership.objects.get(group=recruiting, user=outsider)
    assert membership.status == GroupMembership.Status.APPLIED
    assert [m.to for m in outbox] == [[facilitator.email]]
    assert client.get(f"/study-groups/{recruiting.slug}/threads/").status_code == 404

    members_page = client_for(facilitator).get(f"/study-groups/{recruiting.slug}/members/").content.decode()
    assert STATEMENT in members_page
    response = client_for(facilitator).post(f"/study-groups/{recruiting.slug}/members/{membership.pk}/approve/")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_active
    assert client.get(f"/study-groups/{recruiting.slug}/threads/").status_code == 200


def test_apply_only_when_recruiting(group, outsider):
    with pytest.raises(ServiceError):
        services.membership_apply(group=group, user=outsider, statement=STATEMENT)


def test_apply_twice_refused(recruiting, outsider):
    services.membership_apply(group=recruiting, user=outsider, statement=STATEMENT)
    with pytest.raises(ServiceError):
        services.membership_apply(group=recruiting, user=outsider, statement=STATEMENT)


def test_cannot_represent_a_foreign_organization(recruiting, outsider, other_organization):
    with pytest.raises(ServiceError):
        services.membership_apply(group=recruiting, user=outsider, statement=STATEMENT, organization=other_organization)


def test_decline(recruiting, facilitator, outsider, outbox):
    with committed():
        membership = services.membership_apply(group=recruiting, user=outsider, statement=STATEMENT)
    with committed():
        services.membership_decide(membership=membership, by=facilitator, approve=False)
    assert membership.status == GroupMembership.Status.DECLINED
    assert outbox[-1].to == [outsider.email]


def test_members_cannot_decide(recruiting, group_member, outsider, client_for):
    membership = services.membership_apply(group=recruiting, user=outsider, statement=STATEMENT)
    url = f"/study-groups/{recruiting.slug}/members/{membership.pk}/approve/"
    assert client_for(group_member).post(url).status_code == 403
    membership.refresh_from_db()
    assert membership.status == GroupMembership.Status.APPLIED


def test_invite_and_accept(client_for, group, facilitator, outsider, outbox):
    response = client_for(facilitator).post(f"/study-groups/{group.slug}/members/", {"email": outsider.email})
    assert response.status_code == 302
    assert outbox[-1].to == [outsider.email]
    summary = client_for(outsider).get(group.get_absolute_url()).content.decode()
    assert "Accept the invitation" in summary
    client_for(outsider).post(f"/study-groups/{group.slug}/invitation/", {"answer": "accept"})
    assert GroupMembership.objects.get(group=group, user=outsider).is_active


def test_invite_unknown_email_is_clear(client_for, group, facilitator):
    response = client_for(facilitator).post(f"/study-groups/{group.slug}/members/", {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "sign up first" in response.content.decode()


def test_roles_and_removal(group, facilitator, membership):
    services.membership_set_role(membership=membership, by=facilitator, role=GroupMembership.Role.FACILITATOR)
    assert membership.is_facilitator
    services.membership_remove(membership=membership, by=facilitator)
    assert membership.status == GroupMembership.Status.REMOVED


def test_group_keeps_a_facilitator(group, facilitation, facilitator):
    with pytest.raises(ServiceError):
        services.membership_remove(membership=facilitation, by=facilitator)
    with pytest.raises(ServiceError):
        services.membership_set_role(membership=facilitation, by=facilitator, role=GroupMembership.Role.MEMBER)


def test_notification_preference(client_for, group, membership):
    client = client_for(membership.user)
    response = client.post(f"/study-groups/{group.slug}/preferences/", {"notify": "digest"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.notify == GroupMembership.Notify.DIGEST
