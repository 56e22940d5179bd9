"""Consultations: a consultation's time (stored in UTC), question, attachment and state."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organizations.models import CapacityArea, Organization, default_language_only

from .profiles import AdvisorProfile, Mode


def private_storage():
    """The project's one private storage (``lms.storage``): never the public media folder or URL."""
    from lms.storage import private_storage as project_private_storage

    return project_private_storage()


def attachment_path(instance, filename: str) -> str:
    """An unguessable name: attachments are served only through a permission-checked view."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"advisors/{uuid.uuid4().hex}.{extension}"


class Consultation(models.Model):
    """A consultation: a case with a time, a question, and later a record and feedback.

    On PostgreSQL two exclusion constraints (added by migration 0002) forbid overlapping
    active consultations per advisor and per learner; cancelled and declined ones are ignored.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the advisor")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", pgettext_lazy("consultation status", "Declined")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", pgettext_lazy("consultation status", "Completed")
        NO_SHOW = "no_show", _("No-show")

    INACTIVE = (Status.DECLINED, Status.CANCELLED)
    OPEN = (Status.PENDING, Status.CONFIRMED)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    advisor = models.ForeignKey(
        AdvisorProfile, verbose_name=_("advisor"), on_delete=models.PROTECT, related_name="consultations"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("consultation", "learner"),
        on_delete=models.PROTECT,
        related_name="advisor_consultations",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="advisor_consultations"
    )
    topic = models.ForeignKey(
        CapacityArea,
        limit_choices_to=default_language_only,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="advisor_consultations",
    )
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    question = models.TextField(_("your question"))
    attachment = models.FileField(
        _("attachment"), upload_to=attachment_path, storage=private_storage, blank=True, max_length=200
    )
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    arrangements = models.TextField(
        _("arrangements"), blank=True, help_text=_("Meeting link, phone arrangement or room; shown once confirmed.")
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_consultations",
    )
    sequence = models.PositiveIntegerField(default=0, help_text=_("RFC 5545 SEQUENCE of the invitation."))
    reschedule_count = models.PositiveSmallIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="booking_order")]
        indexes = [
            models.Index(fields=["advisor", "start"]),
            models.Index(fields=["learner", "start"]),
            models.Index(fields=["status", "start"]),
        ]

    def __str__(self):
        return f"{self.advisor} / {self.learner} {self.start:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("advisors:consultation", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status not in self.INACTIVE

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_past(self) -> bool:
        return self.end <= timezone.now()

    @property
    def cancellation_deadline(self):
        return self.start - timedelta(hours=self.advisor.cancellation_deadline_hours)

    @property
    def advisor_local_start(self):
        return self.start.astimezone(self.advisor.zone)

    @property
    def duration_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)
