"""Capacity self-assessments and targets: what an organization says about itself and aims for.

Everything else on the dashboards is read from the schemes; only these two things are owned here.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms.fiscal import fiscal_year_label
from organizations.models import default_language_only

SCALE = (1, 2, 3, 4)


def in_reader_language(obj, name: str) -> str:
    """The field in the active language: its Japanese twin (``<name>_ja``) when the reader reads Japanese and it is
    filled in, the original otherwise. The instrument is edited in the admin with both languages side by side;
    responses and scores stay on one record, so reports compare across languages."""
    if (get_language() or "").startswith("ja"):
        translated = getattr(obj, f"{name}_ja", "")
        if translated:
            return translated
    return getattr(obj, name)


class Assessment(ClusterableModel):
    """One version of a self-assessment questionnaire. Responses keep pointing at the version they answered."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Shared by every version of this assessment."))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Shown to managers before they start."))
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    introduction_ja = models.TextField(_("introduction (Japanese)"), blank=True)
    is_open = models.BooleanField(
        _("open for responses"), default=False, help_text=_("Managers can start a response to open versions only.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("slug"), FieldPanel("version")]),
        FieldPanel("introduction"),
        MultiFieldPanel([FieldPanel("title_ja"), FieldPanel("introduction_ja")], heading=_("Japanese")),
        FieldPanel("is_open"),
        InlinePanel("indicators", heading=_("Indicators"), label=_("Indicator"), min_num=1),
    ]

    class Meta:
        ordering = ["slug", "-version"]
        verbose_name = _("capacity assessment")
        verbose_name_plural = _("capacity assessments")
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="progress_assessment_version")]

    def __str__(self):
        return _("%(title)s (version %(version)s)") % {"title": self.display_title, "version": self.version}

    @property
    def display_title(self) -> str:
        return in_reader_language(self, "title")

    @property
    def display_introduction(self) -> str:
        return in_reader_language(self, "introduction")


class Indicator(Orderable):
    """A statement scored 1 to 4, each level described so that scores mean the same thing everywhere."""

    assessment = ParentalKey(Assessment, on_delete=models.CASCADE, related_name="indicators")
    capacity_area = models.ForeignKey(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("capacity area"),
        on_delete=models.PROTECT,
        related_name="assessment_indicators",
    )
    text = models.CharField(_("indicator"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    level_1 = models.TextField(_("level 1: not yet in place"))
    level_2 = models.TextField(_("level 2: emerging"))
    level_3 = models.TextField(_("level 3: established"))
    level_4 = models.TextField(_("level 4: exemplary"))
    text_ja = models.CharField(_("indicator (Japanese)"), max_length=300, blank=True)
    guidance_ja = models.TextField(_("guidance (Japanese)"), blank=True)
    level_1_ja = models.TextField(_("level 1 (Japanese)"), blank=True)
    level_2_ja = models.TextField(_("level 2 (Japanese)"), blank=True)
    level_3_ja = models.TextField(_("level 3 (Japanese)"), blank=True)
    level_4_ja = models.TextField(_("level 4 (Japanese)"), blank=True)

    TRANSLATED_FIELDS = ("text", "guidance", "level_1", "level_2", "level_3", "level_4")

    panels = [
        FieldPanel("capacity_area"),
        FieldPanel("text"),
        FieldPanel("guidance"),
        MultiFieldPanel(
            [FieldPanel("level_1"), FieldPanel("level_2"), FieldPanel("level_3"), FieldPanel("level_4")],
            heading=_("What each score means"),
        ),
        MultiFieldPanel(
            [FieldPanel(f"{name}_ja") for name in TRANSLATED_FIELDS], heading=_("Japanese"), classname="collapsed"
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        return in_reader_language(self, "text")

    @property
    def display_guidance(self) -> str:
        return in_reader_language(self, "guidance")

    @property
    def levels(self) -> list[tuple[int, str]]:
        """Each score with what it means, in the reader's language."""
        return [(n, in_reader_language(self, f"level_{n}")) for n in SCALE]


class AssessmentResponse(models.Model):
    """An organization's answers to one assessment version: a draft until a manager submits it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="assessment_responses",
    )
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.PROTECT, related_name="responses"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("summary"), blank=True, help_text=_("What changed since last time, in a few lines."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["-fiscal_year", "-submitted_at", "-pk"]
        verbose_name = _("assessment response")
        verbose_name_plural = _("assessment responses")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"], condition=models.Q(status="draft"), name="progress_one_draft_per_organization"
            )
        ]
        indexes = [models.Index(fields=["organization", "status", "fiscal_year"])]

    def __str__(self):
        return f"{self.organization} · {self.assessment} · {fiscal_year_label(self.fiscal_year)}"

    def get_absolute_url(self):
        return reverse("progress:response", kwargs={"slug": self.organization.slug, "pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def fiscal_year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)


class Answer(models.Model):
    response = models.ForeignKey(AssessmentResponse, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    comment = models.TextField(_("evidence or comment"), blank=True)

    class Meta:
        ordering = ["indicator__sort_order", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "indicator"], name="progress_one_answer_per_indicator"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=4),
                name="progress_score_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.score or '-'}"


class Target(models.Model):
    """A goal a manager sets for the organization, measured from what the schemes record."""

    class Metric(models.TextChoices):
        COURSE_COMPLETIONS = "course_completions", _("Staff completing a course")
        SEMINAR_ATTENDEES = "seminar_attendees", _("Staff attending seminars")
        CONSULTATIONS_HELD = "consultations_held", _("Consultations held with NGO advisors")
        STUDY_GROUP_MEMBERS = "studygroup_members", _("Staff taking part in study groups")
        ASSESSMENT_SCORE = "assessment_score", _("Self-assessment score in a capacity area (1 to 4)")
        NEW_MEMBERS = "new_members", _("New staff members on the platform")
        PLACEMENTS_COMPLETED = "placements_completed", _("Researcher placements completed")

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("target status", "Active")
        ARCHIVED = "archived", _("Archived")

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.CASCADE, related_name="targets"
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. “3 staff complete Financial basics”."))
    metric = models.CharField(_("measured by"), max_length=32, choices=Metric.choices)
    target_value = models.PositiveIntegerField(_("target"), validators=[MinValueValidator(1)])
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For course completions: which course. Leave empty to count any course."),
    )
    capacity_area = models.ForeignKey(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("capacity area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For scores: the area to improve. For seminars: count only seminars in this area."),
    )
    start_date = models.DateField(_("counting from"))
    due_date = models.DateField(_("due by"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("start_date")), name="progress_target_dates"
            )
        ]

    def __str__(self):
        return self.title
