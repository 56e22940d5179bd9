"""How site search shows published study group reports; workspaces, threads and documents are members-only
and are never indexed."""

from django.utils.translation import gettext_lazy as _

from lms.search_index import register_page_kind


def connect() -> None:
    from .models import StudyGroupReportPage

    register_page_kind(
        StudyGroupReportPage,
        "studygroup_report",
        _("NGO Study Group report"),
        date=lambda page: page.first_published_at,
        keywords=lambda page: " ".join(filter(None, [page.lead_organization_name, page.member_organizations])),
    )
