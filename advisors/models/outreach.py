"""Outreach: lectures and consultation desks at events, requested by schools, local governments and NGOs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organizations.models import CapacityArea, default_language_only

from .profiles import AdvisorProfile


class OutreachRequest(models.Model):
    """A school, local government or NGO asks for a lecture or a consultation desk at an event."""

    class RequesterKind(models.TextChoices):
        SCHOOL = "school", _("School or university")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        NGO = "ngo", _("NGO")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        LECTURE = "lecture", _("Lecture")
        DESK = "desk", _("Consultation desk")

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("outreach status", "Requested")
        ASSIGNED = "assigned", _("Advisor assigned")
        CONFIRMED = "confirmed", _("Confirmed by the advisor")
        REPORTED = "reported", _("Report filed")
        CANCELLED = "cancelled", _("Cancelled")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requester_kind = models.CharField(_("requesting body"), max_length=20, choices=RequesterKind.choices)
    requester_name = models.CharField(_("name of the requesting body"), max_length=200)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices, default=Format.LECTURE)
    event_date = models.DateField(_("event date"))
    place = models.CharField(_("place"), max_length=300)
    audience = models.CharField(_("audience"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300)
    topic = models.ForeignKey(
        CapacityArea,
        limit_choices_to=default_language_only,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    advisor = models.ForeignKey(
        AdvisorProfile,
        verbose_name=_("advisor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outreach_requests",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    attendance = models.PositiveIntegerField(pgettext_lazy("head count", "attendance"), null=True, blank=True)
    topics_raised = models.TextField(_("topics raised"), blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-event_date"]
        verbose_name = _("outreach request")
        verbose_name_plural = _("outreach requests")

    def __str__(self):
        return f"{self.requester_name}: {self.theme} ({self.event_date})"
