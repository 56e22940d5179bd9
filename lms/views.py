"""Views every app shares: health, the calendar feed, error pages."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from lms.calendar import build_calendar, feed_events
from lms.i18n import switch_language

logger = logging.getLogger(__name__)


@never_cache
def health(request):
    """200 when the database and cache answer, 503 otherwise; no details leak."""
    status = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health: database unavailable")
        status["database"] = "error"
    try:
        cache.set("health-check", "1", 10)
        if cache.get("health-check") != "1":
            raise RuntimeError("cache did not return the value")
    except Exception:
        logger.exception("health: cache unavailable")
        status["cache"] = "error"
    healthy = all(value == "ok" for value in status.values())
    status["status"] = "ok" if healthy else "error"
    return JsonResponse(status, status=200 if healthy else 503)


@never_cache
def calendar_feed(request, token):
    user = get_user_model().objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404
    body = build_calendar(feed_events(user), name=_("My programme calendar"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


@csrf_exempt
@require_POST
def set_language_view(request):
    """Django's set_language, landing on the same page in the chosen language, plus remembering the
    choice on a signed-in user's profile.

    Switching the language cookie needs no CSRF token, so public pages carry no
    token and can be cached; saving the choice to a profile still requires one.
    """
    response = set_language(request)
    language = request.POST.get("language")
    if language in dict(settings.LANGUAGES) and response.has_header("Location"):
        response["Location"] = switch_language(response["Location"], language)
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and user.preferred_language != language
        and _csrf_ok(request)
    ):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


def _csrf_ok(request) -> bool:
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None


@login_required
@require_POST
def calendar_token_reset(request):
    from organizations.models import new_calendar_token

    request.user.calendar_token = new_calendar_token()
    request.user.save(update_fields=["calendar_token"])
    messages.success(request, _("Your calendar link was reset. Update it in your calendar app."))
    return redirect("profile")


def bench_ok(request):
    return HttpResponse("ok", content_type="text/plain")


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    return render(request, "500.html", status=500)
