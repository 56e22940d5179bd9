"""People: the custom user model (email is the login), its manager, programme roles and time zones."""

import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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
