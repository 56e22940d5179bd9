"""The home page and general content pages."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.blocks import BaseStreamBlock


def section_page(root: Page, slug: str) -> Page | None:
    """The child of the site root with this slug (the catalogue, the seminars, a standard page), specific,
    from the cache: routing every request below the root would otherwise read it and its specific row
    again. The key's version changes with any page change (courses.caching), as the lesson routes' do.
    None when there is no such child: Wagtail's routing then answers (a 404, or the untranslated original)."""
    from courses import caching

    child = caching.get_or_build(
        "section", root.pk, slug, build=lambda: root.get_children().filter(slug=slug).specific().first()
    )
    if child is not None:
        child._cached_parent_obj = root
    return child


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def localized_draft(self):
        """Wagtail's, without its query for the active locale when the home page is already in that language:
        routing asks on every request, and lms.translations keeps each language's locale id per process."""
        from lms.translations import active_locale_id

        try:
            if self.locale_id == active_locale_id():
                return self
        except LookupError:  # no language active: Wagtail's own answer
            pass
        return super().localized_draft

    def route(self, request, path_components):
        """A page with no version in this language yet is served from the original tree.

        Pages made outside the admin (by services or imports) get no alias in the other
        languages; the visitor then sees the original with the "not translated yet" notice
        instead of a 404.
        """
        try:
            if path_components:
                child = section_page(self, path_components[0])
                if child is not None:
                    return child.route(request, path_components[1:])
            return super().route(request, path_components)
        except Http404:
            from lms.translations import canonical

            original = canonical(self)
            if original is None or original.pk == self.pk:
                raise
            return original.route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from home.selectors import home_highlights

        context = super().get_context(request, *args, **kwargs)
        context["highlights"] = home_highlights(request)
        return context


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
