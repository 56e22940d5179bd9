"""Meetings of a group, their answers and attendance, and the meetings in a member's calendar feed."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..models import GroupMembership, Meeting, MeetingAttendance, MeetingResponse, StudyGroup


def meetings_for(group: StudyGroup) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(group=group)
        .select_related("group")
        .annotate(present_count=Count("attendance", filter=Q(attendance__present=True)))
    )


def upcoming_meetings(group: StudyGroup, *, limit: int = 3) -> list[Meeting]:
    now = timezone.now()
    return list(
        Meeting.objects.filter(group=group, ends_at__gte=now, status=Meeting.Status.SCHEDULED)
        .select_related("group")
        .order_by("starts_at")[:limit]
    )


def meeting_in(group: StudyGroup, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("group"), pk=pk, group=group)


def meeting_attendance(meeting: Meeting) -> dict[int, bool]:
    return dict(MeetingAttendance.objects.filter(meeting=meeting).values_list("membership_id", "present"))


def meeting_responses(meeting: Meeting, membership: GroupMembership | None) -> dict:
    """The counts per answer (for everyone in the group to see) and the viewer's own answer, in one query."""
    answers = dict(MeetingResponse.objects.filter(meeting=meeting).values_list("membership_id", "answer"))
    counts = dict.fromkeys(MeetingResponse.Answer.values, 0)
    for answer in answers.values():
        counts[answer] += 1
    rows = [(label, counts[value]) for value, label in MeetingResponse.Answer.choices]
    return {"counts": counts, "rows": rows, "mine": answers.get(membership.pk) if membership else None}


def meetings_for_feed(user) -> QuerySet[Meeting]:
    since = timezone.now() - timedelta(days=90)
    return (
        Meeting.objects.filter(
            group__memberships__user=user,
            group__memberships__status=GroupMembership.Status.ACTIVE,
            ends_at__gte=since,
        )
        .select_related("group")
        .distinct()
    )
