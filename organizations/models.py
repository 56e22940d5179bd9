"""People, organizations and the vocabulary every scheme shares."""

import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from .prefectures import PREFECTURE_CHOICES

# Japan first, then the countries the programme's NGOs work in; every other zone after them.
COMMON_TIME_ZONES = [
    ("Asia/Tokyo", _("Japan")),
    ("Asia/Phnom_Penh", _("Cambodia")),
    ("Asia/Vientiane", _("Laos")),
    ("Asia/Kathmandu", _("Nepal")),
    ("Asia/Manila", _("Philippines")),
    ("Asia/Jakarta", _("Indonesia (Jakarta)")),
    ("Asia/Yangon", _("Myanmar")),
    ("Asia/Ulaanbaatar", _("Mongolia")),
    ("Africa/Nairobi", _("Kenya")),
    ("Africa/Kampala", _("Uganda")),
    ("Africa/Dar_es_Salaam", _("Tanzania")),
    ("UTC", _("Coordinated Universal Time")),
]
_COMMON = {zone for zone, _label in COMMON_TIME_ZONES}
TIME_ZONE_CHOICES = [
    (
        _("Common time zones"),
        [(zone, format_lazy("{country} ({zone})", country=country, zone=zone)) for zone, country in COMMON_TIME_ZONES],
    ),
    (
        _("All other time zones"),
        sorted((name, name) for name in zoneinfo.available_timezones() if "/" in name and name not in _COMMON),
    ),
]


def time_zone_choices():
    """Every time-zone field's choices (a callable, so a tzdata update needs no migration)."""
    return TIME_ZONE_CHOICES


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("The email address must be set.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person; email is the login. Roles come from groups and memberships."""

    class NameOrder(models.TextChoices):
        GIVEN_FIRST = "given_first", _("Given name first")
        FAMILY_FIRST = "family_first", _("Family name first")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices, default="Asia/Tokyo")
    name_order = models.CharField(
        _("name order"), max_length=16, choices=NameOrder.choices, default=NameOrder.GIVEN_FIRST
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    certificate_name = models.CharField(
        _("name on certificates"),
        max_length=200,
        blank=True,
        help_text=_("Your name as it should be printed, in the script you choose, e.g. 佐藤 花子 or Hanako Sato."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_erased(self) -> bool:
        """An account erased at its owner's request (privacy.services): its records stay, anonymous."""
        return (self.email or "").endswith("@erased.invalid")

    def get_full_name(self):
        if self.is_erased:
            return str(_("Former member"))
        if self.display_name:
            return self.display_name
        parts = [self.first_name, self.last_name]
        if self.name_order == self.NameOrder.FAMILY_FIRST:
            parts.reverse()
        return " ".join(p for p in parts if p).strip()

    def get_short_name(self):
        if self.is_erased:
            return str(_("Former member"))
        return self.display_name or self.first_name or self.email.split("@")[0]

    @property
    def group_names(self) -> set[str]:
        """The person's role groups, read once per request (or from lms.auth's cached user)."""
        names = getattr(self, "_group_names", None)
        if names is None:
            names = set(self.groups.values_list("name", flat=True)) if self.pk else set()
            self._group_names = names
        return names

    def in_group(self, name: str) -> bool:
        if not self.is_authenticated:
            return False
        return name in self.group_names

    @property
    def is_programme_staff(self) -> bool:
        return self.is_superuser or self.in_group(ProgrammeRole.PROGRAMME_STAFF)


class ProgrammeRole:
    """Names of the groups created by the roles data migration."""

    EDITORS = "Editors"
    MODERATORS = "Moderators"
    ADVISORS = "Advisors"
    RESEARCHERS = "Researchers"
    PROGRAMME_STAFF = "Programme staff"


def default_language_only() -> dict:
    """limit_choices_to for links to a vocabulary: records point at the default-language row."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class VocabularyQuerySet(models.QuerySet):
    def canonical(self):
        """Rows in the default language: records point at these; translations only rename them."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class VocabularyBase(TranslatableMixin, models.Model):
    """A programme-controlled list, translated as Wagtail snippets (one row per language).

    Courses, organizations and bookings always point at the default-language row; a reader sees
    its name in their language through ``__str__`` (see ``organizations.vocabulary``).
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = VocabularyQuerySet.as_manager()
    panels = ["name", "slug", "sort_order"]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        from .vocabulary import localized_name

        return localized_name(self)

    def save(self, *args, **kwargs):
        if self.locale_id is None:
            self.locale = Locale.get_default()
        super().save(*args, **kwargs)


class CapacityArea(index.Indexed, VocabularyBase):
    """The shared taxonomy: courses, seminars, advisors and assessments are tagged with it."""

    description = models.TextField(_("description"), blank=True)

    panels = ["name", "slug", "description", "sort_order"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(VocabularyBase.Meta):
        verbose_name = _("capacity area")
        verbose_name_plural = _("capacity areas")


class FieldOfActivity(VocabularyBase):
    class Meta(VocabularyBase.Meta):
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")


class Region(VocabularyBase):
    """A prefecture or regional block of Japan, or "overseas"."""

    class Meta(VocabularyBase.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


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
