"""Report chapters drafted in the workspace and reviewed by facilitators."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.markdown import render_markdown

from .groups import StudyGroup


class ReportChapter(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes", _("Changes requested")
        APPROVED = "approved", _("Approved")

    group = models.ForeignKey(StudyGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="chapters")
    title = models.CharField(_("title"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("report chapter")
        verbose_name_plural = _("report chapters")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("studygroups:chapter", kwargs={"slug": self.group.slug, "pk": self.pk})

    @property
    def body_html(self):
        return render_markdown(self.body)

    @property
    def badge_class(self) -> str:
        return {
            self.Status.APPROVED: "badge--ok",
            self.Status.IN_REVIEW: "badge--warn",
            self.Status.CHANGES_REQUESTED: "badge--bad",
        }.get(self.status, "")
