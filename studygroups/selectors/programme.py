"""Reads for other parts of the site: participation per organization (progress), the home page and
programme statistics, each counted by the database.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.i18n import page_url
from lms.translations import active_locale_id, canonical_q, localize_pages
from organizations.models import Organization

from ..models import GroupMembership, Meeting, MeetingAttendance, Post, StudyGroup, StudyGroupReportPage


def _count_subquery(queryset, field: str):
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def participation_by_organization(
    organizations: QuerySet[Organization] | None = None, *, fiscal_year: int | None = None
):
    """Organizations annotated with study group participation, counted by the database.

    ``studygroup_members``: active memberships representing the organization;
    ``studygroup_posts``: posts (not deleted) written for it;
    ``studygroup_meetings_attended``: meetings its members attended.
    """
    memberships = GroupMembership.objects.filter(status=GroupMembership.Status.ACTIVE)
    posts = Post.objects.filter(deleted_at__isnull=True)
    attendance = MeetingAttendance.objects.filter(present=True, meeting__status=Meeting.Status.SCHEDULED)
    if fiscal_year is not None:
        memberships = memberships.filter(group__fiscal_year=fiscal_year)
        posts = posts.filter(thread__group__fiscal_year=fiscal_year)
        attendance = attendance.filter(meeting__group__fiscal_year=fiscal_year)
    queryset = organizations if organizations is not None else Organization.objects.all()
    return queryset.annotate(
        studygroup_members=_count_subquery(memberships, "organization"),
        studygroup_posts=_count_subquery(posts, "organization"),
        studygroup_meetings_attended=_count_subquery(attendance, "membership__organization"),
    )


def organization_participation(organization: Organization, *, fiscal_year: int | None = None) -> dict:
    """One organization's study group participation, as plain numbers."""
    row = (
        participation_by_organization(Organization.objects.filter(pk=organization.pk), fiscal_year=fiscal_year)
        .values("studygroup_members", "studygroup_posts", "studygroup_meetings_attended")
        .first()
    )
    row = row or {}
    return {
        "members": row.get("studygroup_members", 0),
        "posts": row.get("studygroup_posts", 0),
        "meetings_attended": row.get("studygroup_meetings_attended", 0),
    }


# Home page


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


def organization_study_groups(organization: Organization) -> QuerySet[StudyGroup]:
    """Groups the organization takes part in (led or with active members), with its own counts."""
    mine = Q(memberships__organization=organization, memberships__status=GroupMembership.Status.ACTIVE)
    return (
        StudyGroup.objects.filter(Q(lead_organization=organization) | mine)
        .annotate(organization_members=Count("memberships", filter=mine, distinct=True))
        .select_related("lead_organization")
        .distinct()
        .order_by("-fiscal_year", "title")
    )


def programme_statistics(*, fiscal_year: int | None = None) -> dict:
    """Headline numbers for programme staff, counted by the database."""
    groups = StudyGroup.objects.all()
    if fiscal_year is not None:
        groups = groups.filter(fiscal_year=fiscal_year)
    by_status = dict(groups.order_by().values_list("status").annotate(n=Count("pk")))
    active = GroupMembership.objects.filter(group__in=groups, status=GroupMembership.Status.ACTIVE)
    return {
        "groups": sum(by_status.values()),
        "groups_by_status": {value: by_status.get(value, 0) for value in StudyGroup.Status.values},
        "members": active.count(),
        "organizations": active.exclude(organization=None).values("organization").distinct().count(),
        "posts": Post.objects.filter(thread__group__in=groups, deleted_at__isnull=True).count(),
        "meetings": Meeting.objects.filter(group__in=groups, status=Meeting.Status.SCHEDULED).count(),
        "published_reports": StudyGroupReportPage.objects.live().filter(canonical_q(), group__in=groups).count(),
    }
