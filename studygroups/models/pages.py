"""The public face of a study group's work: its published report."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from lms.fiscal import fiscal_year_long_label

from .groups import StudyGroup


class StudyGroupReportIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["studygroups.StudyGroupReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("study group report index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            StudyGroupReportPage.objects.child_of(self)
            .live()
            .public()
            .select_related("group", "group__lead_organization")
            .order_by("-fiscal_year", "title")
        )
        return context


class StudyGroupReportPage(Page):
    group = models.ForeignKey(
        StudyGroup,
        verbose_name=_("study group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_pages",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), null=True, blank=True)
    lead_organization_name = models.CharField(_("lead organization"), max_length=200, blank=True)
    member_organizations = models.TextField(_("member organizations"), blank=True)
    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("chapters"))
    recommendations = RichTextField(_("recommendations"), features=RICH_TEXT_FEATURES, blank=True)
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("downloadable report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    symposium_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("symposium"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The seminar page that announces the symposium, if any."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("group"),
                FieldPanel("fiscal_year"),
                FieldPanel("lead_organization_name"),
                FieldPanel("member_organizations"),
            ],
            heading=_("Study group"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("recommendations"),
        FieldPanel("report_document"),
        PageChooserPanel("symposium_page"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("recommendations"),
    ]
    parent_page_types = ["studygroups.StudyGroupReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("study group report")

    @property
    def fiscal_year_label(self) -> str:
        return fiscal_year_long_label(self.fiscal_year)
