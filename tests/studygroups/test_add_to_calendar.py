"""Meetings: "Add to calendar" for members only, on the page, as a download and in the invitation."""

import pytest

from studygroups import services
from studygroups.factories import MeetingFactory
from tests.oncommit import committed

pytestmark = pytest.mark.django_db


def test_member_gets_links_and_download(client_for, group, group_member):
    meeting = MeetingFactory(group=group, title="Survey planning")
    client = client_for(group_member)
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "calendar.google.com" in body and "Survey+planning" in body
    assert client.get(f"/calendar/event/meeting/{meeting.pk}.ics").status_code == 200


def test_outsider_and_anonymous_get_404(client_for, group, outsider):
    meeting = MeetingFactory(group=group)
    for person in (None, outsider):
        assert client_for(person).get(f"/calendar/event/meeting/{meeting.pk}.ics").status_code == 404


def test_invitation_email_carries_the_links(group, facilitator, group_member, outbox):
    meeting = MeetingFactory(group=group)
    with committed():
        services.meetings._send_meeting_email(meeting, "meeting_invitation")
    assert outbox and all(f"/calendar/event/meeting/{meeting.pk}.ics" in m.body for m in outbox)


def test_invitation_email_html_part_carries_the_links(group, facilitator, group_member, outbox):
    from lms.calendar import calendar_links
    from tests.mail_html import assert_calendar_links_in_html

    meeting = MeetingFactory(group=group, title="Survey <planning> & review")
    with committed():
        services.meetings._send_meeting_email(meeting, "meeting_invitation")
    with committed():
        links = calendar_links(services.meeting_event(meeting), kind="meeting", pk=meeting.pk, absolute=True)
    assert outbox
    for message in outbox:
        assert_calendar_links_in_html(message, links)
