"""Members answer going / maybe / not going; everyone sees the counts; minutes and attendance wait for the start."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.errors import ServiceError
from studygroups import services
from studygroups.factories import MeetingFactory
from studygroups.models import Meeting, MeetingResponse

pytestmark = pytest.mark.django_db


def _rsvp(client, meeting, answer):
    return client.post(
        f"/study-groups/{meeting.group.slug}/meetings/{meeting.pk}/rsvp/", {"answer": answer}, follow=True
    )


def test_member_answers_and_changes_their_answer(client_for, group, group_member):
    meeting = MeetingFactory(group=group)
    client = client_for(group_member)
    assert "Thanks: you are going." in _rsvp(client, meeting, "going").content.decode()
    response = _rsvp(client, meeting, "maybe")
    assert "Thanks: you might come." in response.content.decode()
    assert MeetingResponse.objects.get().answer == "maybe"
    assert response.context["responses"]["counts"] == {"going": 0, "maybe": 1, "not_going": 0}


def test_facilitator_sees_the_counts(client_for, group, facilitator, group_member):
    meeting = MeetingFactory(group=group)
    services.meeting_respond(meeting=meeting, by=group_member, answer="not_going")
    services.meeting_respond(meeting=meeting, by=facilitator, answer="going")
    page = client_for(facilitator).get(meeting.get_absolute_url())
    assert page.context["responses"]["counts"] == {"going": 1, "maybe": 0, "not_going": 1}
    assert "Are you coming?" in page.content.decode()


@pytest.mark.parametrize("answer", ["", "yes", "x" * 5000])
def test_a_bad_answer_gets_a_message(client_for, group, group_member, answer):
    response = _rsvp(client_for(group_member), MeetingFactory(group=group), answer)
    assert response.status_code == 200
    assert "Please answer going, maybe or not going." in response.content.decode()
    assert not MeetingResponse.objects.exists()


def test_outsiders_and_the_signed_out_cannot_answer(client_for, group, outsider):
    meeting = MeetingFactory(group=group)
    url = f"/study-groups/{group.slug}/meetings/{meeting.pk}/rsvp/"
    assert client_for(outsider).post(url, {"answer": "going"}).status_code == 404
    assert client_for(None).post(url, {"answer": "going"}).status_code == 404
    assert not MeetingResponse.objects.exists()


def test_no_answers_once_started_or_cancelled(group, group_member):
    started = MeetingFactory(group=group, starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ServiceError, match="already started"):
        services.meeting_respond(meeting=started, by=group_member, answer="going")
    cancelled = MeetingFactory(group=group, status=Meeting.Status.CANCELLED)
    with pytest.raises(ServiceError, match="cancelled"):
        services.meeting_respond(meeting=cancelled, by=group_member, answer="going")


def test_minutes_and_attendance_forms_appear_once_the_meeting_has_started(client_for, group, facilitator):
    upcoming = MeetingFactory(group=group)
    body = client_for(facilitator).get(upcoming.get_absolute_url()).content.decode()
    assert "Save minutes" not in body and "Save attendance" not in body
    assert "Minutes can be written once the meeting has started." in body
    started = MeetingFactory(group=group, starts_at=timezone.now() - timedelta(minutes=5))
    body = client_for(facilitator).get(started.get_absolute_url()).content.decode()
    assert "Save minutes" in body and "Save attendance" in body


def test_minutes_posted_before_the_start_are_refused_with_a_message(client_for, group, facilitator):
    upcoming = MeetingFactory(group=group)
    client = client_for(facilitator)
    base = f"/study-groups/{group.slug}/meetings/{upcoming.pk}/"
    response = client.post(base + "minutes/", {"minutes": "<p>Early</p>"}, follow=True)
    assert "once the meeting has started" in response.content.decode()
    response = client.post(base + "attendance/", {}, follow=True)
    assert "once the meeting has started" in response.content.decode()
    upcoming.refresh_from_db()
    assert upcoming.minutes == ""
