"""The public side: approved final reports published as Wagtail pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from organizations.models import default_language_only

from .reports import FINAL_SECTIONS


class PlacementReportIndexPage(Page):
    """Lists the published researcher reports (at /placement-reports/ in the demo)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["placements.PlacementReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("placement report index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            PlacementReportPage.objects.child_of(self)
            .live()
            .public()
            .select_related("organization", "capacity_area")
            .order_by("-first_published_at")
        )
        return context


class PlacementReportPage(Page):
    """A published final report. Section fields hold HTML already passed through lms.sanitizer."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("host organization"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="placement_report_pages",
    )
    capacity_area = models.ForeignKey(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    researcher_name = models.CharField(_("researcher"), max_length=200, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    host_overview = models.TextField(_("host overview"), blank=True)
    researcher_profile = models.TextField(_("researcher profile"), blank=True)
    period = models.TextField(_("period"), blank=True)
    purpose_background = models.TextField(_("purpose and background"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("organization"),
                FieldPanel("capacity_area"),
                FieldPanel("researcher_name"),
                FieldPanel("period_start"),
                FieldPanel("period_end"),
            ],
            heading=_("Placement"),
        ),
        MultiFieldPanel([FieldPanel(name) for name, _label in FINAL_SECTIONS], heading=_("Report")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("findings"),
        index.SearchField("recommendations"),
    ]
    parent_page_types = ["placements.PlacementReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("placement report")

    @property
    def sections(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, name)) for name, label in FINAL_SECTIONS]
