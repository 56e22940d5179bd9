from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from lms.calendar import feed_events
from studygroups import services
from studygroups.models import Meeting, MeetingAttendance
from tests.oncommit import committed

pytestmark = pytest.mark.django_db


def data(**extra):
    return {
        "title": "Drafting session",
        "starts_at": datetime(2030, 5, 14, 10, 0),
        "ends_at": datetime(2030, 5, 14, 12, 0),
        "time_zone": "Europe/London",
        "mode": "online",
        "online_url": "https://meet.example.org/x",
        "agenda": "<p>Chapters <script>alert(1)</script></p>",
        **extra,
    }


def test_create_via_view_invites_every_member_with_rfc5545(client_for, group, facilitator, group_member, outbox):
    response = client_for(facilitator).post(
        f"/study-groups/{group.slug}/meetings/new/",
        {**data(), "starts_at": "2030-05-14T10:00", "ends_at": "2030-05-14T12:00"},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    # 10:00 in London (BST, UTC+1) is 09:00 UTC.
    assert meeting.starts_at == datetime(2030, 5, 14, 9, 0, tzinfo=UTC)
    assert "<script>" not in str(meeting.agenda_html) and "&lt;script&gt;" in str(meeting.agenda_html)
    assert sorted(m.to[0] for m in outbox) == sorted([facilitator.email, group_member.email])
    filename, content, mimetype = outbox[0].attachments[0]
    assert mimetype.startswith("text/calendar") and "method=REQUEST" in mimetype
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["uid"]) == meeting.uid
    assert event.decoded("dtstart") == meeting.starts_at


def test_update_bumps_sequence_and_cancel_sends_cancel(group, facilitator, outbox):
    with committed():
        meeting = services.meeting_create(group=group, by=facilitator, data=data())
    with committed():
        services.meeting_update(meeting=meeting, by=facilitator, data=data(title="Moved"))
    assert meeting.sequence == 1
    with committed():
        services.meeting_cancel(meeting=meeting, by=facilitator)
    last = outbox[-1]
    assert "method=CANCEL" in last.attachments[0][2]
    assert "STATUS:CANCELLED" in last.attachments[0][1]


def test_members_cannot_schedule(group, group_member):
    from lms.errors import ServiceError

    with pytest.raises(ServiceError):
        services.meeting_create(group=group, by=group_member, data=data())


def test_feed_has_meetings_of_my_groups_only(group, other_group, facilitator, group_member, other_facilitator):
    mine = services.meeting_create(group=group, by=facilitator, data=data())
    theirs = services.meeting_create(group=other_group, by=other_facilitator, data=data(title="Other"))
    uids = {e.uid for e in feed_events(group_member)}
    assert mine.uid in uids
    assert theirs.uid not in uids


def _started(meeting):
    """Minutes and attendance are for meetings that have begun."""
    from studygroups.models import Meeting

    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    meeting.refresh_from_db()
    return meeting


def test_attendance_and_minutes(client_for, group, facilitator, membership, facilitation):
    meeting = _started(services.meeting_create(group=group, by=facilitator, data=data()))
    client = client_for(facilitator)
    client.post(f"/study-groups/{group.slug}/meetings/{meeting.pk}/attendance/", {"present": [membership.pk]})
    assert MeetingAttendance.objects.get(meeting=meeting, membership=membership).present
    assert not MeetingAttendance.objects.get(meeting=meeting, membership=facilitation).present
    client.post(
        f"/study-groups/{group.slug}/meetings/{meeting.pk}/minutes/",
        {"minutes": '**Agreed.**\n\n<img src=x onerror="alert(1)">'},
    )
    meeting.refresh_from_db()
    assert meeting.minutes == '**Agreed.**\n\n<img src=x onerror="alert(1)">'
    assert str(meeting.minutes_html) == (
        "<p><strong>Agreed.</strong></p>\n<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>\n"
    )


def test_attendance_for_another_groups_member_is_refused(
    client_for, group, facilitator, other_group, other_facilitator
):
    from studygroups.models import GroupMembership

    meeting = _started(services.meeting_create(group=group, by=facilitator, data=data()))
    foreign = GroupMembership.objects.get(group=other_group, user=other_facilitator)
    url = f"/study-groups/{group.slug}/meetings/{meeting.pk}/attendance/"
    assert client_for(facilitator).post(url, {"present": [foreign.pk]}).status_code == 404
    assert not MeetingAttendance.objects.exists()


def test_reminders_once(group, facilitator, group_member, outbox):
    soon = timezone.now() + timedelta(hours=3)
    with committed():
        services.meeting_create(
            group=group,
            by=facilitator,
            data=data(starts_at=soon, ends_at=soon + timedelta(hours=1), time_zone="Asia/Tokyo"),
        )
    outbox.clear()
    with committed():
        assert services.meeting_send_reminders() == 1
    assert len(outbox) == 2
    with committed():
        assert services.meeting_send_reminders() == 0
    assert len(outbox) == 2


def test_reminder_command(group, facilitator, outbox):
    from django.core.management import call_command

    soon = timezone.now() + timedelta(hours=3)
    with committed():
        services.meeting_create(
            group=group, by=facilitator, data=data(starts_at=soon, ends_at=soon + timedelta(hours=1))
        )
    outbox.clear()
    with committed():
        call_command("send_meeting_reminders", stdout=__import__("io").StringIO())
    assert len(outbox) == 1
