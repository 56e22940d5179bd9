"""Template tags other pages can use without importing from placements in Python."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from placements.models import PlacementReportPage
from placements.selectors import published_reports_for_organization

register = template.Library()


def _in_language(reports: list[PlacementReportPage]) -> list[PlacementReportPage]:
    """Each report's live translation in the reader's language where there is one, in one query.

    The originals are already known to be public; a translation sits in the mirrored tree of the
    same sections, so it is not checked for view restrictions again (a query of its own).
    """
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if not reports or language == settings.LANGUAGE_CODE.split("-")[0]:
        return reports
    translations = {
        page.translation_key: page
        for page in PlacementReportPage.objects.live()
        .filter(
            locale__language_code=language,
            alias_of__isnull=True,
            translation_key__in=[report.translation_key for report in reports],
        )
        .select_related("capacity_area")
    }
    return [translations.get(report.translation_key, report) for report in reports]


@register.inclusion_tag("placements/tags/organization_reports.html")
def organization_placement_reports(organization):
    """``{% organization_placement_reports organization %}``: the host's published researcher reports."""
    return {"reports": _in_language(list(published_reports_for_organization(organization)[:10]))}
