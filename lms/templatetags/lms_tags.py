from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from lms import cache_versions, request_scope
from lms.fiscal import fiscal_year_label, fiscal_year_of
from lms.markdown import markdown_text as markdown_as_text
from lms.markdown import render_markdown
from lms.page_cache import GENERATION_KEY
from lms.sanitizer import sanitize_html
from lms.translations import page_title

register = template.Library()

TRANSLATIONS_TIMEOUT = 60 * 60


@register.simple_tag(takes_context=True)
def page_translations(context, page) -> str:
    """The "not translated yet" notice and the links to the page's other languages: the same for every reader of
    the page in a language, so rendered once per page and language until any page is published, unpublished,
    moved or deleted (the page cache's generation). Building it costs a query and a URL per translation."""
    request = context.get("request")

    def render() -> str:
        return render_to_string("includes/page_translations.html", {"page": page}, request=request)

    if page.pk is None or getattr(request, "is_preview", False):  # a draft in the admin's preview: as it is
        return render()
    site = getattr(getattr(request, "_wagtail_site", None), "pk", None)  # links are relative to the site
    key = f"page-translations:{cache_versions.current(GENERATION_KEY)}:{site}:{page.pk}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TRANSLATIONS_TIMEOUT)
    return html


@register.filter
def fiscal_year(value) -> str:
    """``{{ some_date|fiscal_year }}`` → FY2026 / 2026年度."""
    if value in (None, ""):
        return ""
    year = value if isinstance(value, int) else fiscal_year_of(value)
    return fiscal_year_label(year)


@register.filter
def sanitize(value):
    """Render user-written HTML through the one sanitizer."""
    return sanitize_html(value)


@register.filter
def in_language(page) -> str:
    """``{{ enrollment.course|in_language }}``: a record's page title in the reader's language, when translated."""
    return page_title(page)


@register.filter
def live_translations(page):
    """``{{ page|live_translations }}``: the page's other live language versions with their locales, in one query
    (``page.get_translations.live`` read each version's locale in a query of its own). Anything else called
    ``page`` in a template (a paginator's page) has none."""
    if not hasattr(page, "get_translations"):
        return []
    return page.get_translations().live().select_related("locale")


@register.filter
def local_url(page_or_url) -> str:
    """``{{ page|local_url }}``: a page's (or a site path's) address that keeps the reader's language, without a
    query: the page shown is the one the view picked (its translation, or the original under ``/ja/``)."""
    from lms.i18n import local_path

    url = page_or_url if isinstance(page_or_url, str) else _page_url(page_or_url)
    return local_path(url)


def _page_url(page) -> str:
    """``page.url``, with the site root paths read from the cache once per request rather than once per page."""
    if request_scope.current() is None or not hasattr(page, "get_url"):
        return getattr(page, "url", "") or ""
    return page.get_url(request=request_scope.site_paths()) or ""


@register.filter
def markdown(value):
    """``{{ post.body|markdown }}``: what someone wrote, rendered from Markdown through the one sanitizer."""
    return render_markdown(value)


@register.filter
def markdown_text(value) -> str:
    """``{{ post.body|markdown_text }}``: the same text as readable plain text (emails' plain part)."""
    return markdown_as_text(value)
