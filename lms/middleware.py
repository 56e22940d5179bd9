"""Request plumbing: the user's language and time zone, and two-factor sign-in for privileged roles."""

import zoneinfo

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import timezone, translation


class LanguagePreferenceMiddleware:
    """Keep a person in the language they chose.

    URLs carry the language (``/ja/...``; English has no prefix). A visitor's
    choice lives in the language cookie, a signed-in user's in their profile
    (used when the browser has no cookie yet). An unprefixed page request from
    someone who chose Japanese is redirected to its ``/ja/`` address.
    """

    # Not pages: plumbing, machine endpoints (health, the benchmark's ceiling) and mail-client links.
    EXEMPT_PREFIXES = (
        "/admin/",
        "/documents/",
        "/health/",
        "/bench/",
        "/email/",
        "/i18n/",
        "/static/",
        "/media/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self._redirect_for(request)
        if redirect is not None:
            return redirect
        return self.get_response(request)

    def _preferred(self, request) -> str | None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen is None and request.user.is_authenticated:
            chosen = getattr(request.user, "preferred_language", None)
        return chosen if chosen in dict(settings.LANGUAGES) else None

    def _redirect_for(self, request):
        if request.method != "GET" or request.path.startswith(self.EXEMPT_PREFIXES):
            return None
        if request.path.startswith("/calendar/") and request.path.endswith(".ics"):
            return None  # calendar feeds and downloads have no language prefix
        if translation.get_language_from_path(request.path_info):
            return None
        preferred = self._preferred(request)
        if not preferred or preferred == settings.LANGUAGE_CODE:
            return None
        return HttpResponseRedirect(f"/{preferred}{request.get_full_path()}")


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


PRIVILEGED_GROUPS = {"Advisors", "Editors", "Moderators", "Programme staff"}


class RequireMFAForRolesMiddleware:
    """Advisors, editors, moderators and programme staff set up two-factor sign-in before using their tools.

    Until they have a TOTP authenticator they are sent to the setup page; account
    pages (where the setup happens) and public plumbing stay reachable.
    """

    EXEMPT_PREFIXES = ("/accounts/", "/ja/accounts/", "/i18n/", "/health/", "/static/", "/media/", "/calendar/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LMS_REQUIRE_MFA_FOR_ROLES and self._must_enroll(request):
            from django.contrib import messages
            from django.urls import reverse
            from django.utils.translation import gettext as _

            messages.warning(request, _("Your role needs two-factor authentication. Set it up to continue."))
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_enroll(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or request.path.startswith(self.EXEMPT_PREFIXES):
            return False
        if not (user.is_superuser or PRIVILEGED_GROUPS & user.group_names):
            return False
        has_totp = getattr(user, "_lms_has_totp", None)  # known when lms.auth loaded the user
        if has_totp is None:
            from allauth.mfa.utils import is_mfa_enabled

            has_totp = is_mfa_enabled(user, types=["totp"])
        return not has_totp
