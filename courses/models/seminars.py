"""Seminar pages: the listing and seminar pages with their speakers and materials (sessions are in ``sessions``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock
from organizations.models import default_language_only


class SeminarIndexPage(Page):
    """The seminar listing at /seminars/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.SeminarPage"]
    max_count = 1

    class Meta:
        verbose_name = _("seminar listing")

    def get_context(self, request, *args, **kwargs):
        from courses.forms import SeminarFilterForm
        from courses.selectors import seminar_listing

        context = super().get_context(request, *args, **kwargs)
        form = SeminarFilterForm(request.GET or None)
        filters = {}
        if form.is_bound:
            form.is_valid()  # apply the filters that are valid, ignore the rest
            filters = form.cleaned_data
        context["filter_form"] = form
        context.update(seminar_listing(index=self, filters=filters))
        return context


class SeminarPageForm(WagtailAdminPageForm):
    """A translation takes its sessions from the original-language page, so it may have none of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from lms.translations import canonical

        sessions = self.formsets.get("sessions")
        if sessions is not None and self.instance.pk and canonical(self.instance).pk != self.instance.pk:
            sessions.min_num = 0
            sessions.validate_min = False


class SeminarPage(Page):
    summary = models.TextField(_("summary"))
    audience = models.CharField(_("who it is for"), max_length=300, blank=True)
    capacity_areas = ParentalManyToManyField(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("capacity areas"),
        blank=True,
        related_name="seminars",
    )
    region = models.ForeignKey(
        "organizations.Region",
        limit_choices_to=default_language_only,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminars",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on the seminar's card in listings."),
    )
    body = StreamField(LessonStreamBlock(), blank=True, verbose_name=_("programme"))
    recording_url = models.URLField(_("recording"), blank=True, help_text=_("Link to the recording, once available."))
    organizers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizers"),
        blank=True,
        related_name="organized_seminars",
        help_text=_("They may see registrations, mark attendance and message registrants."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("audience"),
        MultiFieldPanel([FieldPanel("capacity_areas"), FieldPanel("region")], heading=_("Catalogue")),
        FieldPanel("body"),
        InlinePanel(
            "sessions",
            label=_("Sessions"),
            min_num=1,
            help_text=_(
                "Sessions belong to the page in the site's main language. Translations show those sessions "
                "and their seats; sessions added to a translation are ignored."
            ),
        ),
        InlinePanel("speakers", label=_("Speakers")),
        InlinePanel("materials", label=_("Materials")),
        FieldPanel("recording_url"),
        FieldPanel("organizers"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.SeminarIndexPage"]
    subpage_types: list[str] = []
    base_form_class = SeminarPageForm
    # Seats are counted on one page: translations (and copies) never duplicate the sessions.
    exclude_fields_in_copy = ["sessions"]

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import seminar_page_context

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context.update(seminar_page_context(seminar=self, user=request.user, preview=preview))
        return context


class SeminarSpeaker(Orderable):
    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True)

    panels = ["name", "affiliation", "bio"]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


class SeminarMaterial(Orderable):
    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    for_participants = models.BooleanField(
        _("for participants only"), default=False, help_text=_("Shown only to confirmed registrants.")
    )

    panels = ["document", "title", "for_participants"]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title or str(self.document)
