"""Meetings: scheduling, invitations and reminders by email with a calendar file, answers, minutes and attendance."""

import zoneinfo
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.calendar import CalendarEvent, calendar_links, invitation_attachment
from lms.email import EmailKind, absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.markdown import clean_markdown, markdown_text

from ..models import GroupMembership, Meeting, MeetingAttendance, MeetingResponse, StudyGroup
from .groups import _require_facilitator

Status = GroupMembership.Status


def _aware(local: datetime, time_zone: str) -> datetime:
    """Naive wall-clock times are read in the meeting's zone; aware ones are already instants."""
    if timezone.is_aware(local):
        return local
    return local.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))


def meeting_event(meeting: Meeting) -> CalendarEvent:
    parts = [markdown_text(meeting.agenda)]
    if meeting.online_url:
        parts.append(meeting.online_url)
    return CalendarEvent(
        uid=meeting.uid,
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=f"{meeting.group.title}: {meeting.title}",
        description="\n\n".join(p for p in parts if p),
        location=meeting.location or meeting.online_url,
        url=absolute_url(meeting.get_absolute_url()),
        sequence=meeting.sequence,
        status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
    )


def _send_meeting_email(meeting: Meeting, template: str, *, cancel: bool = False) -> None:
    members = [
        m.user for m in GroupMembership.objects.filter(group=meeting.group, status=Status.ACTIVE).select_related("user")
    ]
    event = meeting_event(meeting)
    send_templated_email(
        to=members,
        template=f"studygroups/{template}",
        context={
            "meeting": meeting,
            "group": meeting.group,
            "url": absolute_url(meeting.get_absolute_url()),
            "calendar_links": None if cancel else calendar_links(event, kind="meeting", pk=meeting.pk, absolute=True),
        },
        attachments=[invitation_attachment(event, cancel=cancel)],
        kind=EmailKind.REMINDERS if template.endswith("_reminder") else EmailKind.ESSENTIAL,
    )


def _meeting_fields(data: dict) -> dict:
    time_zone = data.get("time_zone") or "Asia/Tokyo"
    starts = _aware(data["starts_at"], time_zone)
    ends = _aware(data["ends_at"], time_zone)
    if ends <= starts:
        raise ServiceError(_("The meeting must end after it starts."))
    return {
        "title": data["title"],
        "starts_at": starts,
        "ends_at": ends,
        "time_zone": time_zone,
        "mode": data.get("mode") or Meeting.Mode.ONLINE,
        "location": data.get("location", ""),
        "online_url": data.get("online_url", ""),
        "agenda": clean_markdown(data.get("agenda", "")),
    }


@transaction.atomic
def meeting_create(*, group: StudyGroup, by, data: dict) -> Meeting:
    """``data`` holds naive local times in ``data['time_zone']``; members get an invitation."""
    _require_facilitator(group, by)
    meeting = Meeting.objects.create(group=group, created_by=by, **_meeting_fields(data))
    _send_meeting_email(meeting, "meeting_invitation")
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, data: dict) -> Meeting:
    _require_facilitator(meeting.group, by)
    if meeting.is_cancelled:
        raise ServiceError(_("A cancelled meeting cannot be changed."))
    for name, value in _meeting_fields(data).items():
        setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.reminder_sent_at = None
    meeting.save()
    _send_meeting_email(meeting, "meeting_updated")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    _require_facilitator(meeting.group, by)
    if meeting.is_cancelled:
        raise ServiceError(_("This meeting is already cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence"])
    _send_meeting_email(meeting, "meeting_cancelled", cancel=True)
    return meeting


def _require_started(meeting: Meeting) -> None:
    if not meeting.has_started:
        raise ServiceError(_("Minutes and attendance can be recorded once the meeting has started."))


@transaction.atomic
def meeting_record_minutes(*, meeting: Meeting, by, minutes: str) -> Meeting:
    _require_facilitator(meeting.group, by)
    _require_started(meeting)
    meeting.minutes = clean_markdown(minutes)
    meeting.minutes_updated_at = timezone.now()
    meeting.save(update_fields=["minutes", "minutes_updated_at"])
    return meeting


@transaction.atomic
def meeting_record_attendance(*, meeting: Meeting, by, present_ids) -> int:
    """Mark who was there; ids of anyone but the group's active members are refused."""
    _require_facilitator(meeting.group, by)
    _require_started(meeting)
    members = {m.pk: m for m in GroupMembership.objects.filter(group=meeting.group, status=Status.ACTIVE)}
    present = {int(i) for i in present_ids}
    if not present <= set(members):
        raise ServiceError(_("Attendance can only be recorded for members of this group."))
    now = timezone.now()
    for pk in members:
        MeetingAttendance.objects.update_or_create(
            meeting=meeting,
            membership_id=pk,
            defaults={"present": pk in present, "recorded_by": by, "recorded_at": now},
        )
    return len(present)


@transaction.atomic
def meeting_respond(*, meeting: Meeting, by, answer: str) -> MeetingResponse:
    """A member says whether they are coming; they can change their answer until the meeting starts."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    membership = GroupMembership.objects.filter(group_id=meeting.group_id, user=by, status=Status.ACTIVE).first()
    if membership is None:
        raise ServiceError(_("Only members of this group answer its invitations."))
    if answer not in MeetingResponse.Answer.values:
        raise ServiceError(_("Please answer going, maybe or not going."))
    if meeting.is_cancelled:
        raise ServiceError(_("This meeting was cancelled."))
    if meeting.has_started:
        raise ServiceError(_("This meeting has already started."))
    response, _created = MeetingResponse.objects.update_or_create(
        meeting=meeting, membership=membership, defaults={"answer": answer, "answered_at": timezone.now()}
    )
    return response


def meeting_send_reminders(*, now=None, hours: int = 24) -> int:
    """Remind members of meetings starting within ``hours``; each meeting once."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=hours),
    ).select_related("group")
    count = 0
    for meeting in due:
        with transaction.atomic():
            updated = Meeting.objects.filter(pk=meeting.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            if updated:
                _send_meeting_email(meeting, "meeting_reminder")
                count += 1
    return count
