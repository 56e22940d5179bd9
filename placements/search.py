"""How site search shows published NGO Researcher reports; placements themselves are never indexed."""

from django.utils.translation import gettext_lazy as _

from lms.search_index import register_page_kind
from organizations.search import names_in_every_language


def _keywords(page) -> str:
    parts = [page.researcher_name, str(page.organization or "")]
    if page.capacity_area_id:
        parts.append(names_in_every_language([page.capacity_area]))
    return " ".join(filter(None, parts))


def connect() -> None:
    from .models import PlacementReportPage

    register_page_kind(
        PlacementReportPage,
        "researcher_report",
        _("NGO Researcher report"),
        date=lambda page: page.first_published_at,
        areas=lambda page: [page.capacity_area_id] if page.capacity_area_id else [],
        keywords=_keywords,
    )
