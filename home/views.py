import logging
import re

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.shortcuts import render
from wagtail.models import Page

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
