"""Reads for other parts of the site: the home page's study group highlights (progress reads study groups through
studygroups.progress)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.i18n import page_url
from lms.translations import active_locale_id, canonical_q, localize_pages

from ..models import StudyGroup, StudyGroupReportPage


def home_highlights(request) -> list[dict]:
    """Only public facts: groups open for applications and published reports."""
    recruiting = list(
        StudyGroup.objects.filter(status=StudyGroup.Status.RECRUITING)
        .select_related("lead_organization")
        .order_by("-fiscal_year", "title")[:3]
    )
    reports = list(
        StudyGroupReportPage.objects.live().public().filter(canonical_q()).order_by("-first_published_at")[:3]
    )
    shown = localize_pages(reports, active_locale_id())  # each report once, in the visitor's language if translated
    reports = [shown.get(page.pk, page) for page in reports]
    return [
        {
            "title": _("Study groups"),
            "items": [
                {
                    "url": group.get_absolute_url(),
                    "title": group.title,
                    "meta": _("Open for applications · %(year)s") % {"year": group.fiscal_year_label},
                }
                for group in recruiting
            ]
            + [
                {"url": page_url(page, request), "title": page.title, "meta": _("Published report")} for page in reports
            ],
            "empty": _("No study group is recruiting right now."),
            "more_url": reverse("studygroups:list"),
            "more_label": _("All study groups"),
        }
    ]
