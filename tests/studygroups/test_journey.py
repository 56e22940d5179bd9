"""The issue's "done when", as a new user and a facilitator would go through it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from organizations.factories import UserFactory
from organizations.models import ProgrammeRole
from studygroups.models import GroupMembership, Meeting, StudyGroup, StudyGroupReportIndexPage, StudyGroupReportPage

pytestmark = pytest.mark.django_db


def test_from_application_to_published_report(client_for, home_page, group, facilitator, outbox):
    index = StudyGroupReportIndexPage(title="Reports", slug="reports")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    group.status = StudyGroup.Status.RECRUITING
    group.save()
    base = f"/study-groups/{group.slug}/"
    newcomer = UserFactory(email="new.person@example.org")
    stranger = UserFactory(email="stranger@example.org")
    me, fac = client_for(newcomer), client_for(facilitator)

    # Apply and be approved.
    me.post(base + "apply/", {"statement": "We are a small NGO and want to learn about transparent reporting."})
    membership = GroupMembership.objects.get(user=newcomer)
    fac.post(base + f"members/{membership.pk}/approve/")

    # A facilitator schedules a meeting; it reaches the newcomer's inbox and calendar feed.
    start = timezone.localtime() + timedelta(days=3)
    fac.post(
        base + "meetings/new/",
        {
            "title": "Kick-off",
            "starts_at": start.strftime("%Y-%m-%dT10:00"),
            "ends_at": start.strftime("%Y-%m-%dT12:00"),
            "time_zone": "Asia/Tokyo",
            "mode": "online",
            "online_url": "https://meet.example.org/kickoff",
            "agenda": "<p>Introductions</p>",
        },
    )
    meeting = Meeting.objects.get()
    assert any(m.to == [newcomer.email] and m.attachments for m in outbox)
    feed = client_for(None).get(f"/calendar/{newcomer.calendar_token}.ics").content.decode()
    assert meeting.uid in feed

    # Take part in a thread and share a document.
    me.post(base + "threads/new/", {"title": "Hello", "body": "<p>Glad to join @fac</p>"})
    me.post(base + "documents/", {"title": "Our accounts", "file": SimpleUploadedFile("accounts.csv", b"a,b\n1,2\n")})
    home = me.get(base).content.decode()
    assert "Kick-off" in home and "Hello" in home and "Our accounts" in home

    # Draft, review, publish through moderation.
    me.post(base + "report/chapters/new/", {"title": "Findings", "body": "<p>What we found</p>"})
    chapter = group.chapters.get()
    me.post(base + f"report/chapters/{chapter.pk}/submit/")
    fac.post(base + f"report/chapters/{chapter.pk}/review/", {"decision": "approve"})
    fac.post(base + "report/publish/", {"title": "Our report", "intro": "Summary", "recommendations": "<p>Do it</p>"})
    page = StudyGroupReportPage.objects.get()
    moderator = UserFactory(groups=[ProgrammeRole.MODERATORS])
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user=moderator, action_name="approve")
    page.refresh_from_db()
    assert client_for(None).get(page.url).status_code == 200
    assert "Our report" in client_for(None).get("/").content.decode()  # home highlights published reports

    # A non-member reaches none of the workspace.
    outside = client_for(stranger)
    for path in ("threads/", "documents/", "meetings/", f"meetings/{meeting.pk}/", "report/", "members/"):
        assert outside.get(base + path).status_code == 404
    assert meeting.uid not in client_for(None).get(f"/calendar/{stranger.calendar_token}.ics").content.decode()
