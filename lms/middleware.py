"""Request plumbing: the user's language and time zone, and the admin's CSP."""

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation

ADMIN_CSP = {
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "frame-src": ["'self'", "https:"],
}


class UserLanguageMiddleware:
    """Prefer a signed-in user's saved language when the URL names none.

    Runs before LocaleMiddleware and only sets the language cookie's value on the
    request, so the URL prefix (``/ja/...``) still wins when present.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = settings.LANGUAGE_COOKIE_NAME
        if cookie not in request.COOKIES and hasattr(request, "session"):
            language = request.session.get("preferred_language")
            if language in dict(settings.LANGUAGES):
                request.COOKIES[cookie] = language
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = ADMIN_CSP
        return response


class UserTimezoneMiddleware:
    """Show times in the signed-in user's time zone (Asia/Tokyo otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(request.user, "time_zone", "") if request.user.is_authenticated else ""
        try:
            timezone.activate(zoneinfo.ZoneInfo(name or settings.TIME_ZONE))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.activate(zoneinfo.ZoneInfo(settings.TIME_ZONE))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def activate_user_language(user):
    """Context manager for rendering text (emails) in a user's language."""
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return translation.override(language)
