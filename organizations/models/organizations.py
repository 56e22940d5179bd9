"""Organizations and their members; a removed member's place is kept so the removal can be undone."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..prefectures import PREFECTURE_CHOICES
from .vocabulary import FieldOfActivity, Region, default_language_only


class Organization(models.Model):
    class LegalForm(models.TextChoices):
        NPO = "npo", _("Specified non-profit corporation (NPO)")
        CERTIFIED_NPO = "certified_npo", _("Certified NPO")
        GENERAL_INCORPORATED = "general_inc", _("General incorporated association")
        PUBLIC_INTEREST = "public_interest", _("Public interest incorporated association")
        VOLUNTARY = "voluntary", _("Voluntary association")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    name_ja = models.CharField(_("name in Japanese"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    prefecture = models.CharField(_("head office prefecture"), max_length=2, choices=PREFECTURE_CHOICES, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices, default=LegalForm.NPO)
    region = models.ForeignKey(
        Region,
        limit_choices_to=default_language_only,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organizations",
    )
    fields_of_activity = models.ManyToManyField(
        FieldOfActivity,
        limit_choices_to=default_language_only,
        verbose_name=_("fields of activity"),
        blank=True,
        related_name="organizations",
    )
    countries_of_operation = models.CharField(
        _("countries of operation"), max_length=400, blank=True, help_text=_("Comma-separated, e.g. Cambodia, Kenya")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    internal_notes = models.TextField(
        _("notes for members"), blank=True, help_text=_("Shown to members of the organization only.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    founded_year = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="organizations")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", kwargs={"slug": self.slug})

    @property
    def countries_list(self) -> list[str]:
        return [c.strip() for c in self.countries_of_operation.split(",") if c.strip()]


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MANAGER = "manager", _("Manager")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        ordering = ["organization__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER


class MembershipRemoval(models.Model):
    """A removed member's place, kept so a manager can restore it (a removal made by mistake is undone in one click)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="membership_removals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_removals")
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    joined_at = models.DateTimeField(_("joined"))
    removed_at = models.DateTimeField(_("removed"), default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    restored_at = models.DateTimeField(_("restored"), null=True, blank=True)

    class Meta:
        ordering = ["-removed_at"]
        verbose_name = _("membership removal")
        verbose_name_plural = _("membership removals")

    def __str__(self):
        return f"{self.user} removed from {self.organization}"
