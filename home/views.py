import logging
import re

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Page

from lms.home import UPCOMING_DAYS, needs_for, progress_for, tools_for, upcoming_for
from lms.i18n import local_path

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
# Words only: punctuation and operator words (AND, OR, NOT, NEAR) are full-text syntax to SQLite's
# FTS5, and the search backend passes them through unquoted, so "<b>" or "NOT" would be a 500.
_WORD = re.compile(r"\w+")
_OPERATORS = {"and", "or", "not", "near"}


def search(request):
    """Full-text search over live, public pages only."""
    raw = request.GET.get("q") or ""
    query = "".join(ch for ch in raw if ch.isprintable()).strip()[:MAX_QUERY_LENGTH]
    terms = " ".join(word for word in _WORD.findall(query) if word.lower() not in _OPERATORS)
    results = Page.objects.none()
    if terms:
        results = Page.objects.live().public().specific().search(terms)
    paginator = Paginator(results, 10)
    try:
        page = paginator.get_page(request.GET.get("page"))
    except DatabaseError:
        logger.warning("search: the backend refused the query")
        page = Paginator(Page.objects.none(), 10).get_page(1)
    return render(request, "home/search.html", {"query": query, "results": page})


def _when(value) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


@login_required
def dashboard(request):
    """The signed-in person's home: what needs them, the next 14 days, their progress, their tools."""
    user = request.user
    groups: dict[str, list] = {}
    for need in needs_for(user):
        groups.setdefault(str(need.group), []).append(
            {"need": need, "url": local_path(need.url), "when": _when(need.when) if need.when else ""}
        )
    upcoming = [
        {"event": event, "url": local_path(event.url) if event.url else "", "when": _when(event.start)}
        for event in upcoming_for(user)
    ]
    figures = [{"figure": f, "url": local_path(f.url) if f.url else ""} for f in progress_for(user)]
    tools = [{"tool": t, "url": local_path(t.url)} for t in tools_for(user)]
    return render(
        request,
        "home/dashboard.html",
        {
            "need_groups": list(groups.items()),
            "upcoming": upcoming,
            "upcoming_days": UPCOMING_DAYS,
            "figures": figures,
            "tools": tools,
        },
    )
