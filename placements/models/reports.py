"""Progress and final reports, their attachments and the review comments on them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .placements import Placement, attachment_upload_to

# The final report's sections, in the order the programme publishes them.
FINAL_SECTIONS = [
    ("host_overview", _("Host overview")),
    ("researcher_profile", _("Researcher profile")),
    ("period", _("Period")),
    ("purpose_background", _("Purpose and background")),
    ("findings", _("Findings")),
    ("recommendations", _("Recommendations")),
]


class Report(models.Model):
    """A periodic progress report or the final report; the HTML fields hold sanitized HTML only."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROGRESS)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, help_text=_("A few plain sentences for listings."))
    body = models.TextField(_("report"), blank=True)
    host_overview = models.TextField(_("host overview"), blank=True)
    researcher_profile = models.TextField(_("researcher profile"), blank=True)
    period = models.TextField(_("period"), blank=True)
    purpose_background = models.TextField(_("purpose and background"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        "placements.PlacementReportPage",
        verbose_name=_("public page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["placement"], condition=models.Q(kind="final"), name="one_final_report")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("placements:report", kwargs={"pk": self.pk})

    @property
    def is_final(self) -> bool:
        return self.kind == self.Kind.FINAL

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(heading, sanitized HTML) pairs to render, in order."""
        if not self.is_final:
            return [("", self.body)]
        return [(label, getattr(self, name)) for name, label in FINAL_SECTIONS]

    @property
    def status_badge(self) -> str:
        return {"approved": "ok", "changes_requested": "bad"}.get(self.status, "warn")


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, storage=private_storage)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("placements:attachment", kwargs={"pk": self.pk})


class ReportComment(models.Model):
    """Review comments; internal ones are for programme staff only."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"))
    internal = models.BooleanField(
        _("internal (programme staff only)"), default=False, help_text=_("Hidden from the researcher and the host.")
    )
    requests_changes = models.BooleanField(_("requests changes"), default=False)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:60]
