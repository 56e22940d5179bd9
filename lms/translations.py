"""Pages in the visitor's language, records on the original page.

Editors translate pages with simple_translation, and the synchronised tree keeps aliases
of the rest. Every language version of a page shares a ``translation_key``; the version in
the default language (``LANGUAGE_CODE``) is the *canonical* page: the one records
(enrollments, seats, report links) hang on and the one counted in lists and statistics.
A page that exists only in another language is its own canonical page.

Each helper answers in at most one query, whatever the number of pages.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale, Page

from lms import cache_versions

_default_locale_ids: dict[str, int] = {}
_active_locale_ids: dict[str, int] = {}


def default_locale_id() -> int | None:
    """The default locale's id, read once per process (locales are created by a migration, never edited)."""
    code = settings.LANGUAGE_CODE
    if code not in _default_locale_ids:
        locale_id = Locale.objects.filter(language_code=code).values_list("pk", flat=True).first()
        if locale_id is None:
            return None
        _default_locale_ids[code] = locale_id
    return _default_locale_ids[code]


def _forget_locales(**kwargs) -> None:
    _default_locale_ids.clear()
    _active_locale_ids.clear()


post_save.connect(_forget_locales, sender=Locale, dispatch_uid="lms.translations.locale_saved")
post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="lms.translations.locale_deleted")


def is_canonical(page) -> bool:
    """True without a query for pages in the default language (the common case)."""
    return not page.alias_of_id and page.locale_id == default_locale_id()


def canonical(page):
    """The page records hang on: the default-language page with the same translation key, or ``page`` itself."""
    if page is None or page.pk is None or is_canonical(page):
        return page
    original = (
        page.specific_class.objects.filter(translation_key=page.translation_key, locale_id=default_locale_id())
        .exclude(pk=page.pk)
        .first()
    )
    if original is not None:
        return original
    return page.alias_of.specific if page.alias_of_id else page


def canonical_q(prefix: str = "") -> Q:
    """A filter matching canonical pages only (``prefix`` names the page relation, e.g. ``"seminar"``).

    Sessions copied onto aliases or onto translations made before copying was switched off
    are never counted, listed or reminded of: only the canonical page's sessions are real.
    """
    field = f"{prefix}__" if prefix else ""
    has_original = Exists(
        Page.objects.filter(translation_key=OuterRef(f"{field}translation_key"), locale_id=default_locale_id())
    )
    return Q(**{f"{field}alias_of__isnull": True}) & (Q(**{f"{field}locale_id": default_locale_id()}) | ~has_original)


def canonical_map(pages) -> dict[int, Page]:
    """{pk: canonical page (a plain ``Page`` with tree fields)} for many pages, in at most one query."""
    result = {}
    others = []
    for page in pages:
        if is_canonical(page):
            result[page.pk] = page
        else:
            others.append(page)
    if others:
        originals = {
            original.translation_key: original
            for original in Page.objects.filter(
                translation_key__in={page.translation_key for page in others}, locale_id=default_locale_id()
            ).only("id", "title", "path", "depth", "url_path", "translation_key", "locale_id", "live")
        }
        for page in others:
            result[page.pk] = originals.get(page.translation_key, page)
    return result


def localize_pages(pages, locale_id: int | None) -> dict[int, Page]:
    """{canonical pk: the live version of that page in ``locale_id``} for many pages, in one query.

    Real translations are preferred to aliases; pages without a version in that language are
    missing from the result, so callers keep the original (the page then shows the notice
    that it is not translated yet).
    """
    pages = [page for page in pages if page is not None]
    if not pages or locale_id is None or all(page.locale_id == locale_id for page in pages):
        return {}
    by_pk = {page.pk for page in pages}
    source = (
        Page.objects.filter(translation_key=OuterRef("translation_key"), pk__in=by_pk).order_by("pk").values("pk")[:1]
    )
    found = (
        Page.objects.live()
        .filter(locale_id=locale_id, translation_key__in=Page.objects.filter(pk__in=by_pk).values("translation_key"))
        .annotate(source_pk=Subquery(source))
        .only("id", "title", "slug", "path", "depth", "url_path", "live", "locale_id", "alias_of_id", "translation_key")
        .order_by("alias_of_id", "pk")
    )
    result: dict[int, Page] = {}
    for page in found:
        if page.alias_of_id and page.source_pk in result:
            continue  # a real translation wins over an alias
        result[page.source_pk] = page
    return result


def active_locale_id() -> int | None:
    """The active language's locale id, read once per process and language like ``default_locale_id``."""
    code = translation.get_language()
    if code not in _active_locale_ids:
        try:
            _active_locale_ids[code] = Locale.get_active().pk
        except Locale.DoesNotExist:
            return None
    return _active_locale_ids[code]


def localized(page, locale_id: int | None = None):
    """``page`` in the active language (or ``locale_id``) when that version is live, else ``page``: one query."""
    if page is None:
        return page
    locale_id = locale_id or active_locale_id()
    return localize_pages([page], locale_id).get(page.pk, page)


# Titles in the reader's language -----------------------------------------------------------------

TITLES_CACHE_SECONDS = 60 * 60


def translated_titles(language: str | None = None) -> dict[int, str]:
    """{canonical page pk: the title of its live translation} in ``language`` (default: the active one).

    For lists built from records (dashboards, /learning/, emails), which carry the canonical
    page's id and title. Empty for the default language, without a query; otherwise one query
    per language until a page is next published, unpublished, moved or deleted (the page
    cache's generation, bumped by those signals, is part of the key).
    """
    from lms.page_cache import GENERATION_KEY

    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE.split("-")[0]:
        return {}
    generation = cache_versions.current(GENERATION_KEY)
    key = f"page-titles:{generation}:{language}"
    titles = cache.get(key)
    if titles is None:
        originals = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=default_locale_id())
        rows = (
            Page.objects.live()
            .filter(locale__language_code=language, alias_of__isnull=True)
            .annotate(original=Subquery(originals.values("pk")[:1]))
            .filter(original__isnull=False)
            .values_list("original", "title")
        )
        titles = dict(rows)
        cache.set(key, titles, TITLES_CACHE_SECONDS)
    return titles


def page_title(page, titles: dict[int, str] | None = None) -> str:
    """``page``'s title in the active language (``titles`` from ``translated_titles()`` saves the lookup)."""
    if page is None:
        return ""
    if titles is None:
        titles = translated_titles()
    return titles.get(page.pk, page.title)
