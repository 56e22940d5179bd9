"""Whole-page caching of public pages for anonymous visitors.

Only requests without a session (so nobody signed in and no pending messages) are
served from or stored into the cache, and only 200 HTML responses of Wagtail pages
(or of a view a scheme registered, see :func:`register_family`) that set no cookie
and do not vary on cookies. Publishing, unpublishing, moving or deleting any page
bumps a generation number, which invalidates every entry at once (the header's
navigation is on every page); a family has a generation of its own as well.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language_from_path

from lms import cache_versions

GENERATION_KEY = "page-cache:generation"
EXEMPT_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/ja/accounts/",
    "/health/",
    "/calendar/",
    "/documents/",
    "/i18n/",
    "/static/",
    "/media/",
)
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
)


@dataclass(frozen=True)
class Family:
    """Public pages that are not Wagtail pages, cached like them under a generation of their own."""

    prefix: str  # the path after any language prefix, e.g. "/advisors/"
    view_names: frozenset[str]  # the views whose responses may be stored
    generation_key: str
    seconds: int | None = None  # shorter than the default for pages that also change with the clock


_families: list[Family] = []


def register_family(*, prefix: str, view_names: set[str], generation_key: str, seconds: int | None = None) -> None:
    """Let a scheme's public views be cached; it bumps ``generation_key`` when what they show changes."""
    family = Family(prefix, frozenset(view_names), generation_key, seconds)
    if family not in _families:
        _families.append(family)


def bump_generation(**kwargs) -> None:
    cache_versions.bump(GENERATION_KEY)


def family_of(request) -> Family | None:
    """The family whose pages this request asks for (lms.personal_cache keeps signed-in ones under it too)."""
    path = request.path_info
    language = get_language_from_path(path)
    if language:
        path = path[len(language) + 1 :]
    return next((family for family in _families if path.startswith(family.prefix)), None)


def _key(request, family: Family | None) -> str:
    names = [GENERATION_KEY] + ([family.generation_key] if family else [])
    generations = ":".join(str(number) for number in cache_versions.current_many(names))
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{generations}:{digest}"


def kept_headers(response, names) -> list[tuple[str, str]]:
    """The headers of ``names`` the response has, to keep with its content."""
    return [(name, response[name]) for name in names if response.has_header(name)]


def replay(content: bytes, headers: list[tuple[str, str]], label: str) -> HttpResponse:
    """A kept page answered again, marked ``X-Page-Cache: label``."""
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = label
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        family = family_of(request)
        key = _key(request, family)
        cached = cache.get(key)
        if cached is not None:
            return replay(*cached, "hit")
        response = self.get_response(request)
        if self._response_is_cacheable(request, response, family):
            headers = kept_headers(response, KEPT_HEADERS)
            seconds = settings.LMS_PAGE_CACHE_SECONDS
            if family is not None and family.seconds:
                seconds = min(seconds, family.seconds)
            cache.set(key, (response.content, headers), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _request_is_cacheable(request) -> bool:
        return (
            settings.LMS_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(EXEMPT_PREFIXES)
        )

    @staticmethod
    def _response_is_cacheable(request, response, family: Family | None) -> bool:
        match = getattr(request, "resolver_match", None)
        return (
            response.status_code == 200
            and match is not None
            and (match.url_name == "wagtail_serve" or (family is not None and match.view_name in family.view_names))
            and not response.streaming
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
            and response.get("Content-Type", "").startswith("text/html")
            and not request.user.is_authenticated
        )
