"""Data requests (exports and erasures) and email preferences."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .storage import private_storage


def archive_upload_to(instance, filename):
    return f"{instance.user_id}/{secrets.token_hex(16)}.zip"


class DataRequest(models.Model):
    """A person's request to download their data or to have their account erased."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Download of personal data")
        ERASURE = "erasure", _("Account erasure")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        READY = "ready", _("Ready to download")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")
        FAILED = "failed", _("Failed")

    OPEN = (State.PENDING,)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="data_requests"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    due_at = models.DateTimeField(_("erasure due"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    expires_at = models.DateTimeField(_("download expires"), null=True, blank=True)
    archive = models.FileField(
        _("archive"), upload_to=archive_upload_to, storage=private_storage, blank=True, max_length=200
    )
    archive_size = models.PositiveBigIntegerField(_("archive size in bytes"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], condition=models.Q(state="pending"), name="privacy_one_pending_request"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def is_downloadable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.state == self.State.READY and bool(self.archive) and self.expires_at and self.expires_at > now


class EmailPreferences(models.Model):
    """Which non-essential emails a person receives; no row means everything is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences", primary_key=True
    )
    reminders = models.BooleanField(_("Reminders of seminars, consultations, meetings and milestones"), default=True)
    digests = models.BooleanField(_("Study group discussion: new posts and digests"), default=True)
    mentions = models.BooleanField(_("Mentions of you in a discussion"), default=True)
    news = models.BooleanField(_("Programme news"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("email preferences")
        verbose_name_plural = _("email preferences")

    def __str__(self):
        return str(self.user_id)
