"""How people and NGOs join: invitations, requests to join an organization, and NGO applications."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..prefectures import PREFECTURE_CHOICES
from .organizations import Membership, Organization
from .vocabulary import FieldOfActivity, default_language_only


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "organization", condition=models.Q(status="pending"), name="one_pending_invitation"
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    def save(self, *args, **kwargs):
        if not self.expires_at:
            self.expires_at = timezone.now() + timedelta(days=settings.LMS_INVITATION_DAYS)
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and not self.is_expired

    def get_absolute_url(self):
        return reverse("organizations:invitation", kwargs={"token": self.token})


class JoinRequest(models.Model):
    """A signed-in person asks to join an organization; its managers approve or decline."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.TextField(_("reason"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], condition=models.Q(status="pending"), name="one_pending_join_request"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organization} ({self.get_status_display()})"


class OrganizationApplication(models.Model):
    """A new NGO applies to join the programme; programme staff review it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="organization_applications",
    )
    name_en = models.CharField(_("name in English"), max_length=200)
    name_ja = models.CharField(_("name in Japanese"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=32, choices=Organization.LegalForm.choices)
    head_office = models.CharField(_("head office prefecture"), max_length=2, choices=PREFECTURE_CHOICES)
    countries_of_operation = models.CharField(
        _("countries of activity"), max_length=400, help_text=_("Comma-separated, e.g. Cambodia, Kenya")
    )
    fields_of_activity = models.ManyToManyField(
        FieldOfActivity, limit_choices_to=default_language_only, verbose_name=_("fields of activity"), related_name="+"
    )
    website = models.URLField(_("website"), blank=True)
    applicant_role = models.CharField(_("your role in the NGO"), max_length=120)
    description = models.TextField(_("what the NGO does"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.SUBMITTED)
    staff_message = models.TextField(_("message from programme staff"), max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    organization = models.OneToOneField(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("NGO application")
        verbose_name_plural = _("NGO applications")

    def __str__(self):
        return self.name_en

    def get_absolute_url(self):
        return reverse("organizations:application", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.CHANGES_REQUESTED)
