"""Reads about placements, scoped to what the viewer may see, with relations fetched up front.

Visibility is by relationship: programme staff see everything, a host organization's managers
see their organization's placements, a researcher sees the placements they are matched to.
Anything else answers 404.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.fiscal import fiscal_year_dates
from lms.i18n import page_url
from lms.translations import active_locale_id, canonical_q, localize_pages
from organizations.models import Membership, Organization, ProgrammeRole

from .models import (
    Milestone,
    Placement,
    PlacementReportPage,
    PlacementTransition,
    Report,
    ReportAttachment,
    ReportComment,
    ResearcherProfile,
)

STAFF = "staff"
HOST = "host"
RESEARCHER = "researcher"


@dataclass(frozen=True)
class Access:
    """The viewer's relationship to one placement, and what follows from it."""

    roles: frozenset[str]
    state: str

    @property
    def is_staff(self) -> bool:
        return STAFF in self.roles

    @property
    def is_host(self) -> bool:
        return HOST in self.roles

    @property
    def is_researcher(self) -> bool:
        return RESEARCHER in self.roles

    @property
    def can_plan(self) -> bool:
        """Milestones are agreed once the placement is approved and kept up to date while it runs."""
        return bool(self.roles) and self.state in (Placement.State.APPROVED, Placement.State.ACTIVE)

    @property
    def researcher_can_write(self) -> bool:
        """A researcher writes only while the placement is active; when it ends, write access ends."""
        return self.is_researcher and self.state == Placement.State.ACTIVE

    @property
    def can_review(self) -> bool:
        return self.is_staff or self.is_host


def roles_for(user, placement: Placement) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    roles = set()
    if user.is_programme_staff:
        roles.add(STAFF)
    if placement.researcher_id == user.pk:
        roles.add(RESEARCHER)
    if Membership.objects.filter(
        user=user, organization_id=placement.organization_id, role=Membership.Role.MANAGER
    ).exists():
        roles.add(HOST)
    return frozenset(roles)


def access_for(user, placement: Placement) -> Access:
    return Access(roles=roles_for(user, placement), state=placement.state)


def visible_placements(user) -> QuerySet[Placement]:
    if not user.is_authenticated:
        return Placement.objects.none()
    if user.is_programme_staff:
        return Placement.objects.all()
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("organization_id")
    return Placement.objects.filter(Q(researcher=user) | Q(organization_id__in=managed))


def placement_list(user, *, state: str = "", organization: str = "", capacity_area: str = "", fy: int | None = None):
    """The /placements/ listing: a fixed number of queries whatever the number of placements."""
    qs = visible_placements(user).select_related("organization", "capacity_area", "researcher")
    if state:
        qs = qs.filter(state=state)
    if organization:
        qs = qs.filter(organization__slug=organization)
    if capacity_area:
        qs = qs.filter(capacity_area__slug=capacity_area)
    if fy:
        first, last = fiscal_year_dates(fy)
        qs = qs.filter(start_date__gte=first, start_date__lte=last)
    return qs.annotate(
        report_count=Count("reports", filter=~Q(reports__status=Report.Status.DRAFT), distinct=True),
        milestone_count=Count("milestones", distinct=True),
    ).order_by("-start_date", "-pk")


def placement_export_table(user, **filters) -> tuple[list[str], list[list]]:
    """The listing as columns and rows for the export writer (same filters as placement_list)."""
    columns = [_("ID"), _("Host organization"), _("Field"), _("State"), _("Researcher"), _("Start"), _("End")]
    columns.append(_("Reports"))
    rows = [
        [
            p.pk,
            p.organization.name,
            p.capacity_area.name,
            p.get_state_display(),
            p.researcher or "",
            p.start_date,
            p.end_date,
            p.report_count,
        ]
        for p in placement_list(user, **filters)
    ]
    return columns, rows


def placement_for(user, pk: int) -> tuple[Placement, Access]:
    """The placement and the viewer's access to it, or 404 when it is outside their scope."""
    placement = (
        visible_placements(user)
        .select_related("organization", "capacity_area", "researcher", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if placement is None:
        raise Http404
    return placement, access_for(user, placement)


def placement_detail(placement: Placement, access: Access, user) -> dict:
    """Timeline, milestones and the reports the viewer may see."""
    return {
        "transitions": PlacementTransition.objects.filter(placement=placement).select_related("actor"),
        "milestones": Milestone.objects.filter(placement=placement),
        "reports": visible_reports(user, placement, access)
        .select_related("author", "page")
        .annotate(comment_count=Count("comments", filter=None if access.is_staff else Q(comments__internal=False))),
    }


def visible_reports(user, placement: Placement, access: Access) -> QuerySet[Report]:
    """Drafts belong to their author until submitted."""
    reports = Report.objects.filter(placement=placement)
    if access.is_researcher:
        return reports
    return reports.exclude(status=Report.Status.DRAFT)


def report_for(user, pk: int) -> tuple[Report, Access]:
    report = Report.objects.select_related("placement", "placement__organization", "author").filter(pk=pk).first()
    if report is None:
        raise Http404
    placement, access = placement_for(user, report.placement_id)
    if not visible_reports(user, placement, access).filter(pk=report.pk).exists():
        raise Http404
    report.placement = placement
    return report, access


def visible_comments(report: Report, access: Access) -> QuerySet[ReportComment]:
    comments = ReportComment.objects.filter(report=report).select_related("author")
    if not access.is_staff:
        comments = comments.filter(internal=False)
    return comments


def attachment_for(user, pk: int) -> ReportAttachment:
    attachment = ReportAttachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    report_for(user, attachment.report_id)
    return attachment


def host_managers(organization) -> QuerySet:
    return get_user_model().objects.filter(
        memberships__organization=organization, memberships__role=Membership.Role.MANAGER, is_active=True
    )


def programme_staff_users() -> QuerySet:
    return get_user_model().objects.filter(groups__name=ProgrammeRole.PROGRAMME_STAFF, is_active=True).distinct()


def researcher_profile_for(user) -> ResearcherProfile | None:
    if not user.is_authenticated:
        return None
    return ResearcherProfile.objects.filter(user=user).prefetch_related("specialities").first()


def cv_profile_for(user, pk: int) -> ResearcherProfile:
    """A CV is for the researcher, programme staff and managers of hosts the researcher is matched with."""
    profile = ResearcherProfile.objects.select_related("user").filter(pk=pk).first()
    if profile is None or not profile.cv or not user.is_authenticated:
        raise Http404
    if user.is_programme_staff or profile.user_id == user.pk:
        return profile
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("organization_id")
    if Placement.objects.filter(researcher=profile.user, organization_id__in=managed).exists():
        return profile
    raise Http404


def researcher_applications(status: str = "") -> QuerySet[ResearcherProfile]:
    qs = ResearcherProfile.objects.select_related("user").prefetch_related("specialities")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "-applied_at")


def researcher_candidates(placement: Placement, *, capacity_area=None, available_only: bool = True):
    """Accepted researchers for matching: by speciality, free for the whole period, no overlapping placement."""
    qs = ResearcherProfile.objects.filter(status=ResearcherProfile.Status.ACCEPTED).select_related("user")
    if capacity_area is not None:
        qs = qs.filter(specialities=capacity_area)
    if available_only:
        qs = qs.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=placement.start_date),
            Q(available_until__isnull=True) | Q(available_until__gte=placement.end_date),
        ).exclude(
            user__placements_as_researcher__in=overlapping_placements(placement).values("pk"),
        )
    return qs.prefetch_related("specialities").distinct()


def overlapping_placements(placement: Placement) -> QuerySet[Placement]:
    return Placement.objects.filter(
        state__in=[Placement.State.MATCHED, Placement.State.APPROVED, Placement.State.ACTIVE],
        start_date__lte=placement.end_date,
        end_date__gte=placement.start_date,
    ).exclude(pk=placement.pk)


def milestones_due(today: date, days: int) -> QuerySet[Milestone]:
    """Open milestones of active placements due within ``days``, not yet reminded."""
    return Milestone.objects.filter(
        placement__state=Placement.State.ACTIVE,
        status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS],
        due_date__gte=today,
        due_date__lte=today + timedelta(days=days),
        reminder_sent_at__isnull=True,
    ).select_related("placement", "placement__organization", "placement__researcher", "placement__capacity_area")


# For the organization page (the lead's template); progress reads placements through placements.progress.


def published_reports_for_organization(organization) -> QuerySet[PlacementReportPage]:
    """Live, public report pages about ``organization``, newest first, for its public page."""
    return (
        PlacementReportPage.objects.live()
        .public()
        .filter(canonical_q(), organization=organization)
        .select_related("capacity_area")
        .order_by("-period_end", "-first_published_at")
    )


def home_highlights(request) -> list[dict]:
    """For the home page: the viewer's open placements, or the latest published reports for everyone else."""
    user = request.user
    if user.is_authenticated and not user.is_programme_staff:
        mine = list(
            visible_placements(user)
            .filter(state__in=Placement.OPEN_STATES)
            .select_related("organization", "capacity_area")
            .order_by("start_date")[:3]
        )
        if mine:
            return [
                {
                    "title": _("Your researcher placements"),
                    "items": [
                        {"url": p.get_absolute_url(), "title": str(p.organization), "meta": p.get_state_display()}
                        for p in mine
                    ],
                    "empty": "",
                    "more_url": reverse("placements:list"),
                    "more_label": _("All placements"),
                }
            ]
    pages = list(
        PlacementReportPage.objects.live()
        .public()
        .filter(canonical_q())
        .select_related("organization")
        .order_by("-first_published_at")[:3]
    )
    if not pages:
        return []
    shown = localize_pages(pages, active_locale_id())  # each report once, in the visitor's language if translated
    index = shown.get(pages[0].pk, pages[0]).get_parent()
    return [
        {
            "title": _("Researcher reports"),
            "items": [
                {
                    "url": page_url(shown.get(p.pk, p), request),
                    "title": shown.get(p.pk, p).title,
                    "meta": str(p.organization or ""),
                }
                for p in pages
            ],
            "empty": _("No reports published yet."),
            "more_url": page_url(index, request),
            "more_label": _("All researcher reports"),
        }
    ]


def organizations_for_filter() -> QuerySet[Organization]:
    return Organization.objects.filter(placements__isnull=False).distinct().order_by("name")
