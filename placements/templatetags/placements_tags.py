"""Template tags other pages can use without importing from placements in Python."""

from django import template

from placements.selectors import published_reports_for_organization

register = template.Library()


@register.inclusion_tag("placements/tags/organization_reports.html")
def organization_placement_reports(organization):
    """``{% organization_placement_reports organization %}``: the host's published researcher reports."""
    return {"reports": list(published_reports_for_organization(organization)[:10])}
