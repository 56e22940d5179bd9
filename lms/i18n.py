"""Addresses in the language the person is reading."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils import translation

from lms.translations import localized


def page_url(page, request=None) -> str:
    """A page's address in the active language.

    The page's own translation when it has one; otherwise the page under the
    language's prefix (``/ja/...``), which serves it with the interface in that
    language, rather than an English address the language middleware would
    only redirect.
    """
    url = localized(page).get_url(request) or ""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or language not in dict(settings.LANGUAGES):
        return url
    parts = urlsplit(url)
    if not parts.path.startswith("/") or translation.get_language_from_path(parts.path):
        return url
    return urlunsplit(parts._replace(path=f"/{language}{parts.path}"))


def local_path(url: str) -> str:
    """A site link (absolute ``SITE_URL`` links from feeds included) as a path in the active language.

    Links keep the reader's language: an unprefixed path gets the language's prefix, so reading on
    in Japanese never drops back to English.
    """
    site = settings.SITE_URL.rstrip("/")
    if site and url.startswith(site):
        url = url[len(site) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return url
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or language not in dict(settings.LANGUAGES):
        return url
    if translation.get_language_from_path(parts.path):
        return url
    return urlunsplit(parts._replace(path=f"/{language}{parts.path}"))


# Paths served outside the language prefixes (see lms.middleware.LanguagePreferenceMiddleware).
UNPREFIXED = ("/admin/", "/documents/", "/health/", "/i18n/", "/calendar/", "/static/", "/media/")


def switch_language(url: str, language: str) -> str:
    """The same page's address in ``language``: ``/ja/seminars/?page=2`` becomes ``/seminars/?page=2``.

    Django's ``translate_url`` resolves the address in the language of the request that switches,
    so from English it cannot read a ``/ja/`` address and returned it unchanged: choosing English on
    a Japanese page reloaded the Japanese page. The prefix is swapped here instead; a page whose
    translation has another slug is still found, as the Japanese tree routes to its original.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(UNPREFIXED):
        return url
    path = parts.path
    current = translation.get_language_from_path(path)
    if current and current != settings.LANGUAGE_CODE:
        path = path[len(current) + 1 :] or "/"
    if language != settings.LANGUAGE_CODE and language in dict(settings.LANGUAGES):
        path = f"/{language}{path}"
    return urlunsplit(parts._replace(path=path))
