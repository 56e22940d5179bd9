"""Researchers, the placements they are matched to, the transition log and the work plan."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.files import UploadRule
from organizations.models import default_language_only

from ..storage import private_storage


def _random_name(folder: str, filename: str) -> str:
    """Random file names, so a stored file cannot be found by guessing; files are served by a checked view."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"placements/{folder}/{uuid.uuid4().hex}{suffix}"


CV_RULE = UploadRule(extensions=("pdf", "doc", "docx", "odt"))
# Report attachments: office documents, archives of them, and photos from the field.
ATTACHMENT_RULE = UploadRule(
    extensions=("pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "zip", "jpg", "jpeg", "png")
)


def cv_upload_to(instance, filename: str) -> str:
    return _random_name("cv", filename)


def attachment_upload_to(instance, filename: str) -> str:
    return _random_name("attachments", filename)


class ResearcherProfile(models.Model):
    """A specialist's application to the programme; only accepted researchers can be matched."""

    class Status(models.TextChoices):
        APPLIED = "applied", pgettext_lazy("researcher status", "Applied")
        ACCEPTED = "accepted", pgettext_lazy("researcher status", "Accepted")
        INACTIVE = "inactive", _("Inactive")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="researcher_profile"
    )
    specialities = models.ManyToManyField(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("specialities"),
        related_name="researchers",
        blank=True,
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("Comma-separated, e.g. Japanese, English, Khmer")
    )
    biography = models.TextField(_("biography"), blank=True)
    cv = models.FileField(_("CV"), upload_to=cv_upload_to, storage=private_storage, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__email"]
        verbose_name = _("researcher profile")
        verbose_name_plural = _("researcher profiles")

    def __str__(self):
        return str(self.user)

    @property
    def languages_list(self) -> list[str]:
        return [item.strip() for item in self.languages.split(",") if item.strip()]


class PlacementState(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("placement state", "Requested")
    MATCHED = "matched", _("Matched")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", pgettext_lazy("placement state", "Active")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", pgettext_lazy("placement state", "Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Placement(models.Model):
    """A host organization's request for a researcher, and the placement it becomes."""

    State = PlacementState
    OPEN_STATES = (State.REQUESTED, State.MATCHED, State.APPROVED, State.ACTIVE)
    ENDED_STATES = (State.COMPLETED, State.DECLINED, State.WITHDRAWN)

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("host organization"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    capacity_area = models.ForeignKey(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("field"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    goals = models.TextField(_("goals"), help_text=_("What the organization wants to be able to do afterwards."))
    host_provides = models.TextField(
        _("what the host provides"), blank=True, help_text=_("Workspace, a contact person, travel, housing…")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REQUESTED, db_index=True)
    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("researcher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements_as_researcher",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="placements_requested",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-start_date", "-created_at"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="placement_end_after_start"
            )
        ]

    def __str__(self):
        return f"{self.organization} · {self.capacity_area} ({self.start_date:%Y-%m})"

    def get_absolute_url(self):
        return reverse("placements:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def state_badge(self) -> str:
        if self.state in (self.State.ACTIVE, self.State.COMPLETED, self.State.APPROVED):
            return "ok"
        if self.state in (self.State.DECLINED, self.State.WITHDRAWN):
            return "bad"
        return "warn"


class PlacementTransition(models.Model):
    """Who moved a placement from one state to another, and when: the audit trail and the timeline."""

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(_("from"), max_length=16, choices=PlacementState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=16, choices=PlacementState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("placement transition")
        verbose_name_plural = _("placement transitions")

    def __str__(self):
        return f"{self.placement_id}: {self.from_state or '-'} → {self.to_state}"


class Milestone(models.Model):
    """One step of the work plan the researcher and host agree."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS) and self.due_date < timezone.localdate()
