"""Views every app shares: health, the calendar feed, error pages."""

import datetime
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from lms.calendar import (
    build_calendar,
    event_for,
    feed_events,
    month_entries,
    month_weeks,
    single_event_calendar,
)
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


CALENDAR_YEARS_AROUND = 5


def _month_param(value: str, today) -> tuple[int, int] | None:
    """``YYYY-MM`` within a few years of today; None when unreadable or too far away."""
    try:
        year, month = (int(part) for part in value.split("-"))
    except (TypeError, ValueError):
        return None
    if not (1 <= month <= 12 and abs(year - today.year) <= CALENDAR_YEARS_AROUND):
        return None
    return year, month


def _shift_month(year: int, month: int, step: int) -> str:
    index = year * 12 + (month - 1) + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@login_required
def personal_calendar(request):
    """Everything of the person's, from every scheme, as a month grid or an agenda, in their time zone."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    view = "agenda" if request.GET.get("view") == "agenda" else "month"
    year, month = today.year, today.month
    if "month" in request.GET:
        parsed = _month_param(request.GET["month"], today)
        if parsed is None:
            messages.warning(request, _("That month could not be shown, so this month is shown instead."))
        else:
            year, month = parsed
    entries = month_entries(request.user, year=year, month=month, zone=zone)
    first = datetime.date(year, month, 1)
    previous, following = _shift_month(year, month, -1), _shift_month(year, month, 1)
    return render(
        request,
        "lms/calendar.html",
        {
            "view": view,
            "month_start": first,
            "month_value": f"{year:04d}-{month:02d}",
            "weeks": month_weeks(entries, year=year, month=month, today=today) if view == "month" else [],
            "entries": entries,
            "previous": previous if _month_param(previous, today) else "",
            "next": following if _month_param(following, today) else "",
            "is_current": (year, month) == (today.year, today.month),
            "zone": zone,
        },
    )


@never_cache
def event_ics(request, kind, pk):
    """One event as an .ics download; the scheme's event source decides who may have it (404 otherwise)."""
    item = event_for(kind, request.user, pk)
    if item is None:
        raise Http404
    response = HttpResponse(single_event_calendar(item), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{pk}.ics"'
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
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("profile")


def bench_ok(request):
    return HttpResponse("ok", content_type="text/plain")


def error_400(request, exception=None):
    """Say why a request was refused: a form too large to read is the one a person can fix."""
    too_large = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent))
    return render(request, "400.html", {"too_large": too_large}, status=400)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    return render(request, "500.html", status=500)
