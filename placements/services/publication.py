"""Publication: an approved final report becomes a public Wagtail page under the researcher reports index."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.markdown import render_markdown
from lms.publishing import page_publish_or_submit

from ..models import PlacementReportIndexPage, PlacementReportPage, Report
from ..models.reports import FINAL_SECTIONS


def report_index_page() -> PlacementReportIndexPage:
    """The index page, created under the default site's home page when missing."""
    index = PlacementReportIndexPage.objects.first()
    if index is not None:
        return index
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page.specific
    index = PlacementReportIndexPage(
        title=_("Researcher reports"),
        slug="placement-reports",
        intro=_("Reports written by NGO Researchers at the end of their placements."),
    )
    root.add_child(instance=index)
    index.save_revision().publish()
    return index


def _unique_slug(parent, base: str) -> str:
    base = slugify(base)[:60] or "report"
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def report_publish(*, report: Report, by, publish_now: bool | None = None) -> PlacementReportPage:
    """Create the public page for an approved final report.

    Goes live or into moderation by lms.publishing's rule (Wagtail's default workflow is "Moderators
    approval").
    """
    if not report.is_final or report.status != Report.Status.APPROVED:
        raise ServiceError(_("Only an approved final report can be published."))
    placement = report.placement
    index = report_index_page()
    # The public page holds HTML (its template sanitizes it again); the report keeps the Markdown.
    fields = {name: str(render_markdown(getattr(report, name))) for name, _label in FINAL_SECTIONS}
    page = report.page
    if page is None:
        page = PlacementReportPage(
            title=report.title,
            slug=_unique_slug(index, f"{placement.organization.slug}-{placement.start_date:%Y}"),
            live=False,
        )
    page.title = report.title
    page.summary = report.summary
    page.organization = placement.organization
    page.capacity_area = placement.capacity_area
    page.researcher_name = str(placement.researcher or "")
    page.period_start, page.period_end = placement.start_date, placement.end_date
    for name, value in fields.items():
        setattr(page, name, value)
    if page.pk is None:
        index.add_child(instance=page)
        report.page = page
        report.save(update_fields=["page"])
    # Only programme staff approve a final report: that approval is the review when no workflow applies.
    page_publish_or_submit(page=page, by=by, reviewed=True, publish_now=publish_now)
    return page
