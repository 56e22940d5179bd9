import pytest
from django.test import RequestFactory

from organizations.factories import OrganizationFactory
from organizations.models import Organization
from studygroups import selectors, services
from studygroups.factories import GroupMembershipFactory, MeetingFactory, StudyGroupFactory
from studygroups.models import GroupMembership, MeetingAttendance, StudyGroup

pytestmark = pytest.mark.django_db


def test_participation_per_organization(
    group, facilitation, facilitator, membership, organization, other_organization, django_assert_num_queries
):
    thread = services.thread_create(group=group, author=membership.user, title="T", body="<p>one</p>")
    services.post_create(thread=thread, author=membership.user, body="<p>two</p>")
    deleted = services.post_create(thread=thread, author=facilitator, body="<p>three</p>")
    services.post_delete(post=deleted, by=facilitator)
    meeting = MeetingFactory(group=group)
    MeetingAttendance.objects.create(meeting=meeting, membership=membership, present=True)
    MeetingAttendance.objects.create(meeting=meeting, membership=facilitation, present=False)
    GroupMembershipFactory(group=group, organization=other_organization, status=GroupMembership.Status.APPLIED)
    third = OrganizationFactory()

    with django_assert_num_queries(1):
        rows = {
            o.slug: (o.studygroup_members, o.studygroup_posts, o.studygroup_meetings_attended)
            for o in selectors.participation_by_organization(Organization.objects.all())
        }
    assert rows[other_organization.slug] == (1, 2, 1)
    assert rows[organization.slug] == (1, 0, 0)
    assert rows[third.slug] == (0, 0, 0)
    assert selectors.organization_participation(other_organization) == {
        "members": 1,
        "posts": 2,
        "meetings_attended": 1,
    }
    assert selectors.organization_participation(other_organization, fiscal_year=1999)["posts"] == 0


def test_home_highlights_only_public(rf=None):
    recruiting = StudyGroupFactory(title="Open group", status=StudyGroup.Status.RECRUITING)
    StudyGroupFactory(title="Private active group", status=StudyGroup.Status.ACTIVE)
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    sections = selectors.home_highlights(request)
    titles = [item["title"] for section in sections for item in section["items"]]
    assert recruiting.title in titles
    assert "Private active group" not in titles


def test_home_page_renders_highlights(client_for, home_page):
    StudyGroupFactory(title="Open group", status=StudyGroup.Status.RECRUITING)
    assert "Open group" in client_for(None).get("/").content.decode()


def test_organization_groups_and_programme_statistics(group, other_group, membership, other_organization, organization):
    services.thread_create(group=group, author=membership.user, title="T", body="<p>x</p>")
    mine = {g.slug: g.organization_members for g in selectors.organization_study_groups(other_organization)}
    assert mine == {group.slug: 1, other_group.slug: 0}  # member of one, lead of the other
    stats = selectors.programme_statistics()
    assert stats["groups"] == 2 and stats["posts"] == 1 and stats["members"] == 2
    assert stats["organizations"] == 2
    assert selectors.programme_statistics(fiscal_year=1999)["groups"] == 0
