"""Advisor profiles: what the directory shows and the settings that shape an advisor's open slots."""

import zoneinfo

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organizations.models import CapacityArea, Region, default_language_only, time_zone_choices

# "french" -> "French": the English names Django's own catalogues translate.
_LANGUAGE_NAMES = {info["name"].lower(): info["name"] for info in LANG_INFO.values() if "name" in info}


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online")
    EMAIL = "email", _("Email")


def holiday_country_choices() -> list[tuple[str, str]]:
    """Countries whose national holidays the ``holidays`` package knows (a callable: no migration per release)."""
    from ..closures import country_choices

    return [("", _("None: open on public holidays")), *country_choices()]


class AdvisorProfileQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(is_active=True, user__is_active=True)


class AdvisorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="advisor_profile"
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    office = models.CharField(_("office"), max_length=200, blank=True, help_text=_("Regional office or city."))
    region = models.ForeignKey(
        Region,
        limit_choices_to=default_language_only,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advisors",
    )
    expertise = models.ManyToManyField(
        CapacityArea,
        limit_choices_to=default_language_only,
        verbose_name=_("expertise"),
        blank=True,
        related_name="advisors",
    )
    languages = models.CharField(_("languages"), max_length=200, default="Japanese", help_text=_("Comma-separated."))
    offers_in_person = models.BooleanField(_("offers in-person consultations"), default=True)
    offers_phone = models.BooleanField(_("offers phone consultations"), default=True)
    offers_online = models.BooleanField(_("offers online consultations"), default=True)
    offers_email = models.BooleanField(_("offers consultations by email"), default=False)
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices, default="Asia/Tokyo")
    holiday_country = models.CharField(
        _("closed on the national holidays of"),
        max_length=2,
        blank=True,
        default="JP",
        choices=holiday_country_choices,
        help_text=_("Those days offer no times unless you open one on your availability page."),
    )
    accepting_consultations = models.BooleanField(_("accepting consultations"), default=True)
    auto_confirm = models.BooleanField(
        _("confirm consultations automatically"), default=False, help_text=_("Otherwise each request waits for you.")
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(240)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between consultations (minutes)"), default=15, validators=[MaxValueValidator(120)]
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice (hours)"), default=24, validators=[MaxValueValidator(24 * 30)]
    )
    consultation_window_days = models.PositiveSmallIntegerField(
        _("how far ahead consultations open (days)"),
        default=42,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    max_per_day = models.PositiveSmallIntegerField(
        _("maximum consultations per day"), default=4, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("learner cancellation deadline (hours before)"), default=24, validators=[MaxValueValidator(24 * 14)]
    )
    meeting_link = models.URLField(_("online meeting link"), blank=True)
    phone_arrangement = models.CharField(_("phone arrangement"), max_length=300, blank=True)
    room = models.CharField(_("room or address for in-person consultations"), max_length=300, blank=True)
    is_active = models.BooleanField(_("listed in the directory"), default=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = AdvisorProfileQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("advisor profile")
        verbose_name_plural = _("advisor profiles")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("advisors:detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def modes(self) -> list[tuple[str, str]]:
        offered = {
            Mode.IN_PERSON: self.offers_in_person,
            Mode.PHONE: self.offers_phone,
            Mode.ONLINE: self.offers_online,
            Mode.EMAIL: self.offers_email,
        }
        return [(mode.value, mode.label) for mode, on in offered.items() if on]

    @property
    def languages_list(self) -> list[str]:
        return [item.strip() for item in self.languages.split(",") if item.strip()]

    @property
    def languages_shown(self) -> list[str]:
        """The languages in the reader's language where the advisor wrote a language's English name."""
        return [
            gettext(_LANGUAGE_NAMES[item.lower()]) if item.lower() in _LANGUAGE_NAMES else item
            for item in self.languages_list
        ]
