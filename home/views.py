import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from courses.models import CourseIndexPage
from lms.home import UPCOMING_DAYS, needs_for, progress_for, tools_for, upcoming_for
from lms.i18n import local_path
from lms.personal_cache import kept
from lms.search_analysis import parse_query
from lms.search_index import search_documents
from organizations.models import CapacityArea

from .search import PAGE_SIZE, SearchForm, results_for

logger = logging.getLogger(__name__)


def search(request):
    """Site search: pages, advisors, public reports and organizations, in the reader's language.

    A constant number of queries: the capacity areas for the filter, the count and one page of results.
    """
    form = SearchForm(request.GET or None, areas=CapacityArea.objects.canonical().order_by("sort_order", "name"))
    query, page, results = "", None, []
    if form.is_valid():
        query = form.cleaned_data["q"]
        parsed = parse_query(query)
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        documents = search_documents(
            parsed, language=language, kind=form.cleaned_data["kind"], area=form.cleaned_data["area"]
        )
        page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
        results = results_for(page.object_list, parsed)
    return render(
        request,
        "home/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "results": results,
            "suggest": _suggestions(request, page, query),
        },
    )


def _suggestions(request, page, query: str) -> dict | None:
    """Where to look instead when nothing matched: the course catalogue and the advisor directory."""
    if not query or (page is not None and page.paginator.count):
        return None
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    catalogues = CourseIndexPage.objects.live().order_by("path")
    catalogue = catalogues.filter(locale__language_code=language).first() or catalogues.first()
    return {"catalogue_url": catalogue.get_url(request) if catalogue else None}


def _when(value) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


@login_required
@kept
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
