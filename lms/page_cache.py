"""Whole-page caching of public Wagtail pages for anonymous visitors.

Only requests without a session (so nobody signed in and no pending messages) are
served from or stored into the cache, and only 200 HTML responses of Wagtail pages
that set no cookie and do not vary on cookies. Publishing, unpublishing, moving or
deleting any page bumps a generation number, which invalidates every entry at once.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

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


def bump_generation(**kwargs) -> None:
    cache_versions.bump(GENERATION_KEY)


def _key(request) -> str:
    generation = cache_versions.current(GENERATION_KEY)
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{generation}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
            cache.set(key, (response.content, headers), settings.LMS_PAGE_CACHE_SECONDS)
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
    def _response_is_cacheable(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        return (
            response.status_code == 200
            and match is not None
            and match.url_name == "wagtail_serve"
            and not response.streaming
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
            and response.get("Content-Type", "").startswith("text/html")
            and not request.user.is_authenticated
        )
