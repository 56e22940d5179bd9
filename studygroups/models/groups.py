"""A study group and who belongs to it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.fiscal import current_fiscal_year, fiscal_year_long_label
from organizations.models import default_language_only


class StudyGroup(models.Model):
    class Status(models.TextChoices):
        RECRUITING = "recruiting", _("Recruiting")
        ACTIVE = "active", _("Active")
        DRAFTING = "drafting", _("Drafting the report")
        PUBLISHED = "published", _("Report published")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    theme = models.CharField(_("theme"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Shown to members only."))
    public_summary = models.TextField(_("public summary"), help_text=_("Shown to everyone."))
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), default=current_fiscal_year, help_text=_("The year in which the fiscal year (April) begins.")
    )
    lead_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("lead organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_study_groups",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECRUITING)
    capacity_areas = models.ManyToManyField(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("capacity areas"),
        blank=True,
        related_name="study_groups",
    )
    symposium_date = models.DateField(_("symposium date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "title"]
        verbose_name = _("study group")
        verbose_name_plural = _("study groups")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("studygroups:detail", kwargs={"slug": self.slug})

    @property
    def fiscal_year_label(self) -> str:
        return fiscal_year_long_label(self.fiscal_year)

    @property
    def is_recruiting(self) -> bool:
        return self.status == self.Status.RECRUITING

    @property
    def badge_class(self) -> str:
        return {
            self.Status.RECRUITING: "badge--ok",
            self.Status.ACTIVE: "badge--ok",
            self.Status.DRAFTING: "badge--warn",
            self.Status.CLOSED: "badge--bad",
        }.get(self.status, "")


class GroupMembership(models.Model):
    """One person's place in a group; rows are never deleted so history and counts stay true."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FACILITATOR = "facilitator", _("Facilitator")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        REMOVED = "removed", _("Removed")

    class Notify(models.TextChoices):
        EACH = "each", _("An email for each post")
        DIGEST = "digest", _("A daily digest")
        NONE = "none", _("No emails")

    group = models.ForeignKey(StudyGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="study_memberships"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("representing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="study_memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)
    statement = models.TextField(_("statement"), blank=True)
    notify = models.CharField(_("notifications"), max_length=8, choices=Notify.choices, default=Notify.EACH)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        ordering = ["group", "-role", "user__email"]
        verbose_name = _("study group membership")
        verbose_name_plural = _("study group memberships")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="studygroups_unique_membership")]
        indexes = [models.Index(fields=["user", "status"]), models.Index(fields=["organization", "status"])]

    def __str__(self):
        return f"{self.user} in {self.group} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_facilitator(self) -> bool:
        return self.is_active and self.role == self.Role.FACILITATOR
