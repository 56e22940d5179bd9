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
