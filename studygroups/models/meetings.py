"""Meetings of a group, with minutes and attendance."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.markdown import render_markdown
from organizations.models import time_zone_choices

from .groups import GroupMembership, StudyGroup


class Meeting(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(StudyGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices, default="Asia/Tokyo")
    mode = models.CharField(_("format"), max_length=16, choices=Mode.choices, default=Mode.ONLINE)
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_updated_at = models.DateTimeField(_("minutes updated"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="studygroups_meeting_ends"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("studygroups:meeting", kwargs={"slug": self.group.slug, "pk": self.pk})

    @property
    def uid(self) -> str:
        return f"studygroup-meeting-{self.pk}@ngo-lms"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.time_zone))

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(zoneinfo.ZoneInfo(self.time_zone))

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def agenda_html(self):
        return render_markdown(self.agenda)

    @property
    def minutes_html(self):
        return render_markdown(self.minutes)


class MeetingResponse(models.Model):
    """A member's answer to a meeting invitation: going, maybe or not going."""

    class Answer(models.TextChoices):
        GOING = "going", _("Going")
        MAYBE = "maybe", _("Maybe")
        NOT_GOING = "not_going", _("Not going")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="responses")
    membership = models.ForeignKey(
        GroupMembership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="meeting_responses"
    )
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting response")
        verbose_name_plural = _("meeting responses")
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="studygroups_one_response")]

    def __str__(self):
        return f"{self.membership.user}: {self.answer}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        GroupMembership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("present"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="studygroups_unique_attendance")]

    def __str__(self):
        return f"{self.membership.user} at {self.meeting}"
