"""Everything beyond the public summary is for active members: everyone else gets 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from studygroups import services
from studygroups.factories import MeetingFactory, ReportChapterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(group, facilitator, group_member):
    thread = services.thread_create(group=group, author=group_member, title="Hello", body="<p>Secret plans</p>")
    post = thread.posts.get()
    document = services.document_upload(
        group=group, by=group_member, title="Plan", upload=SimpleUploadedFile("plan.txt", b"secret plan")
    )
    meeting = MeetingFactory(group=group)
    chapter = ReportChapterFactory(group=group, author=group_member)
    return {"thread": thread, "post": post, "document": document, "meeting": meeting, "chapter": chapter}


def workspace_urls(group, c):
    base = f"/study-groups/{group.slug}/"
    return [
        base + "members/",
        base + "preferences/",
        base + "meetings/",
        base + f"meetings/{c['meeting'].pk}/",
        base + f"meetings/{c['meeting'].pk}/meeting.ics",
        base + "threads/",
        base + "threads/new/",
        base + f"threads/{c['thread'].pk}/",
        base + f"posts/{c['post'].pk}/history/",
        base + "documents/",
        base + f"documents/{c['document'].pk}/",
        base + f"documents/{c['document'].pk}/v1/download/",
        base + "report/",
        base + "report/chapters/new/",
        base + f"report/chapters/{c['chapter'].pk}/",
    ]


def test_public_summary_for_everyone(client_for, group, content, outsider):
    for who in (None, outsider):
        response = client_for(who).get(group.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert group.public_summary in html
        assert "Secret plans" not in html
        assert group.description not in html
        assert "Upcoming meetings" not in html


def test_list_is_public(client_for, group, other_group):
    response = client_for(None).get("/study-groups/")
    assert response.status_code == 200
    assert group.title in response.content.decode()


def test_every_workspace_url_is_404_for_non_members(client_for, group, content, outsider, applicant, other_facilitator):
    for who in (None, outsider, applicant, other_facilitator):
        client = client_for(who)
        for url in workspace_urls(group, content):
            assert client.get(url).status_code == 404, (who, url)


def test_removed_member_loses_access(client_for, group, content, membership, facilitator):
    services.membership_remove(membership=membership, by=facilitator)
    client = client_for(membership.user)
    for url in workspace_urls(group, content):
        assert client.get(url).status_code == 404, url


def test_members_reach_every_workspace_url(client_for, group, content, group_member):
    client = client_for(group_member)
    for url in workspace_urls(group, content):
        assert client.get(url).status_code == 200, url


def test_facilitator_pages_refuse_plain_members(client_for, group, content, group_member, facilitator):
    base = f"/study-groups/{group.slug}/"
    for url in (base + "meetings/new/", base + "report/publish/", base + f"meetings/{content['meeting'].pk}/edit/"):
        assert client_for(group_member).get(url).status_code == 403
        assert client_for(facilitator).get(url).status_code == 200


def test_post_endpoints_404_for_outsiders(client_for, group, content, outsider):
    base = f"/study-groups/{group.slug}/"
    client = client_for(outsider)
    for url in (
        base + f"posts/{content['post'].pk}/delete/",
        base + f"documents/{content['document'].pk}/delete/",
        base + f"threads/{content['thread'].pk}/",
        base + "documents/",
    ):
        assert client.post(url, {"body": "x", "title": "x"}).status_code == 404
    content["post"].refresh_from_db()
    assert not content["post"].is_deleted


def test_calendar_feed_only_for_members(client_for, group, content, group_member, outsider):
    member_feed = client_for(None).get(f"/calendar/{group_member.calendar_token}.ics").content.decode()
    outsider_feed = client_for(None).get(f"/calendar/{outsider.calendar_token}.ics").content.decode()
    assert content["meeting"].uid in member_feed
    assert content["meeting"].uid not in outsider_feed


def test_staff_can_create_groups_others_cannot(client_for, programme_staff, outsider, facilitator, group):
    assert client_for(outsider).get("/study-groups/new/").status_code == 403
    assert client_for(programme_staff).get("/study-groups/new/").status_code == 200
    response = client_for(programme_staff).post(
        "/study-groups/new/",
        {
            "title": "Legal status",
            "theme": "Becoming a certified NPO",
            "public_summary": "We compare routes to certification.",
            "fiscal_year": 2026,
            "status": "recruiting",
            "facilitators": [facilitator.pk],
        },
    )
    assert response.status_code == 302
    from studygroups.models import GroupMembership, StudyGroup

    created = StudyGroup.objects.get(slug="legal-status")
    assert GroupMembership.objects.get(group=created, user=facilitator).is_facilitator
    assert client_for(outsider).get(f"/study-groups/{group.slug}/edit/").status_code == 404
    assert client_for(facilitator).get(f"/study-groups/{group.slug}/edit/").status_code == 200
