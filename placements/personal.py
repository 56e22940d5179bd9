"""What NGO Researcher placements give the personal home (registered in AppConfig.ready)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lms.home import Figure, Need, Tool, programme_queue
from organizations.models import Membership

from .calendar import calendar_milestones
from .models import Milestone, Placement, Report

MILESTONE_HORIZON = timedelta(days=30)
LIST_LIMIT = 20
WRITING = (Report.Status.DRAFT, Report.Status.CHANGES_REQUESTED)


def tools(user):
    yield Tool(
        key="placements",
        label=_("Placements"),
        url=reverse("placements:list"),
        description=_("NGO Researcher placements you take part in"),
        order=40,
        header=False,
    )


def needs(user):
    today = timezone.localdate()
    open_statuses = (Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS)
    milestones = sorted(
        (
            m
            for m in calendar_milestones(user)  # the calendar's: approved and active placements, read once
            if m.placement.researcher_id == user.pk
            and m.status in open_statuses
            and m.due_date <= today + MILESTONE_HORIZON
        ),
        key=lambda m: (m.due_date, m.pk),
    )[:LIST_LIMIT]
    for milestone in milestones:
        late = milestone.due_date < today
        yield Need(
            group=_("Milestones and reports due"),
            title=f"{milestone.title} ({milestone.placement.organization.name})",
            url=milestone.placement.get_absolute_url(),
            detail=(_("Overdue since %(date)s") if late else _("Due %(date)s"))
            % {"date": date_format(milestone.due_date, "DATE_FORMAT")},
            order=20,
        )
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).values("organization_id")
    reports = (
        Report.objects.filter(
            Q(placement__researcher=user, status__in=WRITING)
            | Q(placement__organization_id__in=managed, status=Report.Status.SUBMITTED)
        )
        .select_related("placement__organization")
        .order_by("-updated_at")[:LIST_LIMIT]
    )
    for report in reports:
        if report.status == Report.Status.SUBMITTED:
            group, detail = _("Placement reports to review"), str(report.placement.organization.name)
        else:
            group, detail = _("Milestones and reports due"), report.get_status_display()
        yield Need(group=group, title=report.title, url=reverse("placements:report", args=[report.pk]), detail=detail)
    if user.is_programme_staff:
        counts = Placement.objects.aggregate(
            requested=Count("pk", filter=Q(state=Placement.State.REQUESTED)),
            matched=Count("pk", filter=Q(state=Placement.State.MATCHED)),
        )
        submitted = Report.objects.filter(status=Report.Status.SUBMITTED).count()
        list_url = reverse("placements:list")
        yield from programme_queue(
            title=_("Placement requests to match"),
            url=f"{list_url}?state={Placement.State.REQUESTED}",
            count=counts["requested"],
        )
        yield from programme_queue(
            title=_("Matched placements to approve"),
            url=f"{list_url}?state={Placement.State.MATCHED}",
            count=counts["matched"],
        )
        yield from programme_queue(title=_("Placement reports to approve"), url=list_url, count=submitted)


def progress(user):
    placements = list(
        Placement.objects.filter(researcher=user, state__in=[Placement.State.ACTIVE, Placement.State.COMPLETED])
        .annotate(
            milestones_done=Count("milestones", filter=Q(milestones__status=Milestone.Status.DONE), distinct=True),
            milestones_total=Count("milestones", filter=~Q(milestones__status=Milestone.Status.DROPPED), distinct=True),
        )
        .select_related("organization")
    )
    for placement in placements:
        if not placement.milestones_total:
            continue
        yield Figure(
            label=_("Milestones done at %(organization)s") % {"organization": placement.organization.name},
            value=f"{placement.milestones_done} / {placement.milestones_total}",
            url=placement.get_absolute_url(),
            order=30,
        )
