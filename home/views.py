import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from courses.models import CourseIndexPage
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
