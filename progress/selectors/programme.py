"""The programme dashboard: every organization compared, trends by year, region, field and scheme."""

from collections import defaultdict
from datetime import date

from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from advisors import selectors as advisor_selectors
from advisors.models import Booking
from courses import selectors as course_selectors
from courses.models import Enrollment, SeminarRegistration
from organizations.models import FieldOfActivity, Membership, Organization, Region
from organizations.vocabulary import localize_name
from placements.models import Placement
from studygroups.models import GroupMembership, StudyGroup

from ..fiscal import (
    current_fiscal_year,
    fiscal_year_label,
)
from ..models import Answer, AssessmentResponse
from ..tables import Table
from .common import TREND_YEARS, count_subquery, in_year, in_year_dates, per_fiscal_year, trend_years
from .organization import activity_trend_table, new_members_by_year
from .schemes import (
    completions_by_year,
    consultations_by_year,
    course_url_paths,
    page_url,
    period_bounds,
    seminar_attendance_by_year,
    site_paths,
    study_group_members_by_year,
)

# The programme dashboard --------------------------------------------------------------------------


def programme_totals(fy: int | None) -> dict:
    totals = Organization.objects.aggregate(organizations=Count("pk"))
    totals |= Membership.objects.aggregate(
        learners=Count("user", distinct=True),
        joined=Count("pk", filter=in_year("joined_at", fy)) if fy else Count("pk"),
    )
    totals |= Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN).aggregate(
        enrollments=Count("pk", filter=in_year("enrolled_at", fy)),
        completions=Count("pk", filter=Q(completed_at__isnull=False) & in_year("completed_at", fy)),
    )
    totals |= SeminarRegistration.objects.filter(in_year("session__starts_at", fy)).aggregate(
        seminar_attendances=Count("pk", filter=Q(attended=True)),
    )
    totals |= Booking.objects.filter(in_year("start", fy)).aggregate(
        consultations=Count("pk", filter=Q(status=Booking.Status.COMPLETED))
    )
    totals |= GroupMembership.objects.filter(status=GroupMembership.Status.ACTIVE).aggregate(
        study_group_places=Count("pk", filter=Q(group__fiscal_year=fy) if fy else Q())
    )
    totals |= Placement.objects.aggregate(
        placements=Count("pk", filter=in_year_dates("start_date", fy)),
    )
    totals |= AssessmentResponse.objects.filter(status=AssessmentResponse.Status.SUBMITTED).aggregate(
        assessments=Count("pk", filter=Q(fiscal_year=fy) if fy else Q())
    )
    return totals


def programme_trend(fy: int | None) -> Table:
    years = trend_years(fy)
    assessments = {
        row["fiscal_year"]: row["n"]
        for row in AssessmentResponse.objects.filter(status=AssessmentResponse.Status.SUBMITTED, fiscal_year__in=years)
        .values("fiscal_year")
        .annotate(n=Count("pk"))
        .order_by()
    }
    placements = per_fiscal_year(Placement.objects.all(), "start_date", years, dates=True)
    return activity_trend_table(
        "trend",
        years,
        [
            (_("New members"), new_members_by_year(Q(), years)),
            (_("Course completions"), completions_by_year(Q(), years)),
            (_("Seminar attendances"), seminar_attendance_by_year(Q(), years)),
            (_("Study group places"), study_group_members_by_year(Q(), years)),
            (_("Consultations held"), consultations_by_year(Q(), years)),
            (_("Placements started"), placements),
            (_("Self-assessments submitted"), assessments),
        ],
    )


def by_region_table(fy: int | None) -> Table:
    organizations = {
        row["pk"]: row
        for row in Region.objects.canonical().annotate(n=Count("organizations")).values("pk", "name", "slug", "n")
    }
    members = {
        row["organization__region"]: row["n"]
        for row in Membership.objects.values("organization__region").annotate(n=Count("user", distinct=True)).order_by()
    }
    consultations = {
        row["organization__region"]: row["n"]
        for row in Booking.objects.filter(status=Booking.Status.COMPLETED)
        .filter(in_year("start", fy))
        .values("organization__region")
        .annotate(n=Count("pk"))
        .order_by()
    }
    table = Table(
        key="regions",
        caption=_("Organizations by region"),
        columns=[_("Region"), _("Organizations"), _("Learners"), _("Consultations held")],
    )
    for pk, row in sorted(organizations.items(), key=lambda item: -item[1]["n"]):
        table.rows.append([localize_name(Region, row["name"]), row["n"], members.get(pk, 0), consultations.get(pk, 0)])
        table.links.append(reverse("progress:programme_organizations") + f"?region={row['slug']}")
    return table


def by_field_table() -> Table:
    rows = (
        FieldOfActivity.objects.canonical()
        .annotate(n=Count("organizations", distinct=True), learners=Count("organizations__memberships", distinct=True))
        .values("name", "slug", "n", "learners")
        .order_by("-n", "name")
    )
    table = Table(
        key="fields",
        caption=_("Organizations by field of activity"),
        columns=[_("Field of activity"), _("Organizations"), _("Memberships")],
    )
    for row in rows:
        table.rows.append([localize_name(FieldOfActivity, row["name"]), row["n"], row["learners"]])
        table.links.append(reverse("progress:programme_organizations") + f"?field={row['slug']}")
    return table


def consultations_tables(fy: int | None) -> dict:
    """Per advisor, topic and region, from advisors.selectors.programme_overview, restricted to the year."""
    bookings = advisor_selectors.programme_bookings().filter(in_year("start", fy))
    overview = advisor_selectors.programme_overview(bookings)
    consult_url = reverse("advisors:programme")

    def table(key, caption, first, rows, name_of, link_of):
        result = Table(key=key, caption=caption, columns=[first, _("Booked"), _("Held"), _("Average rating")])
        for row in rows:
            rating = round(row["rating"], 1) if row["rating"] is not None else None
            result.rows.append([name_of(row), row["total"], row["held"], rating])
            result.links.append(link_of(row))
        return result

    return {
        "by_advisor": table(
            "advisors",
            _("Consultations per advisor"),
            _("Advisor"),
            overview["by_advisor"],
            lambda r: (
                " ".join(p for p in (r["advisor__user__first_name"], r["advisor__user__last_name"]) if p)
                or r["advisor__slug"]
            ),
            lambda r: f"{consult_url}?advisor={r['advisor__slug']}",
        ),
        "by_topic": table(
            "topics",
            _("Consultations per topic"),
            _("Topic"),
            overview["by_topic"],
            lambda r: r["topic__name"],
            lambda r: consult_url,
        ),
        "by_region": table(
            "advisor_regions",
            _("Consultations per advisor's region"),
            _("Region"),
            overview["by_region"],
            lambda r: r["advisor__region__name"] or _("No region"),
            lambda r: consult_url,
        ),
    }


def course_rates_table(fy: int | None) -> Table:
    """Completion rate per course for enrollments in the period, from courses.selectors.completions_by_course."""
    rows = course_selectors.completions_by_course(**period_bounds(fy))
    urls = course_url_paths(row["course_id"] for row in rows)
    table = Table(
        key="course_rates",
        caption=_("Completion rate per course"),
        columns=[_("Course"), _("Enrollments"), _("Completions"), _("Completion rate (%)")],
        empty=_("No enrollments in this period."),
    )
    paths = site_paths()
    for row in rows:
        rate = round(100 * row["completions"] / row["enrollments"]) if row["enrollments"] else 0
        table.rows.append([row["title"], row["enrollments"], row["completions"], rate])
        table.links.append(page_url(urls.get(row["course_id"]), paths))
    return table


def seminar_rates_table(fy: int | None) -> Table:
    """Fill rate (confirmed seats / seats) and attendance rate (attended / confirmed) per session."""
    sessions = (
        course_selectors.sessions_with_counts()
        .filter(in_year("starts_at", fy))
        .filter(is_cancelled=False)
        .values("seminar__url_path", "seminar__title", "starts_at", "capacity", "confirmed_count", "attended_count")
        .order_by("-starts_at")
    )
    table = Table(
        key="seminar_rates",
        caption=_("Seminar fill rates and attendance"),
        columns=[
            _("Seminar"),
            _("Session"),
            _("Seats"),
            _("Confirmed"),
            _("Fill rate (%)"),
            _("Attended"),
            _("Attendance rate (%)"),
        ],
        empty=_("No seminar session in this period."),
    )
    paths = site_paths()
    for row in sessions:
        fill = round(100 * row["confirmed_count"] / row["capacity"]) if row["capacity"] else 0
        attendance = round(100 * row["attended_count"] / row["confirmed_count"]) if row["confirmed_count"] else 0
        table.rows.append(
            [
                row["seminar__title"],
                timezone.localtime(row["starts_at"]).date(),
                row["capacity"],
                row["confirmed_count"],
                fill,
                row["attended_count"],
                attendance,
            ]
        )
        table.links.append(page_url(row["seminar__url_path"], paths))
    return table


# Placements still waiting to start: a request made now is usually for the next fiscal year (June to March).
PENDING_PLACEMENT_STATES = (Placement.State.REQUESTED, Placement.State.MATCHED, Placement.State.APPROVED)


def placements_by_state_table(fy: int | None) -> Table:
    """Placements starting in the year by state; those still pending count too when they start in a later year,
    so the requests programme staff must act on never read 0 while they wait for next year."""
    in_period = in_year_dates("start_date", fy)
    if fy is not None:
        in_period |= Q(state__in=PENDING_PLACEMENT_STATES, start_date__gte=date(fy, 4, 1))
    counts = {
        row["state"]: row["n"]
        for row in Placement.objects.filter(in_period).values("state").annotate(n=Count("pk")).order_by()
    }
    table = Table(
        key="placement_states", caption=_("Researcher placements by state"), columns=[_("State"), _("Placements")]
    )
    for value, label in Placement.State.choices:
        table.rows.append([label, counts.get(value, 0)])
        year = f"&year={fy}" if fy and value not in PENDING_PLACEMENT_STATES else ""
        table.links.append(reverse("placements:list") + f"?state={value}" + year)
    return table


def study_groups_table(fy: int | None) -> Table:
    groups = (
        StudyGroup.objects.filter(Q(fiscal_year=fy) if fy else Q())
        .annotate(
            members=Count("memberships", filter=Q(memberships__status=GroupMembership.Status.ACTIVE), distinct=True),
            organizations=Count(
                "memberships__organization",
                filter=Q(memberships__status=GroupMembership.Status.ACTIVE),
                distinct=True,
            ),
        )
        .values("slug", "title", "fiscal_year", "status", "members", "organizations")
        .order_by("-fiscal_year", "title")
    )
    statuses = dict(StudyGroup.Status.choices)
    table = Table(
        key="study_groups",
        caption=_("Study groups"),
        columns=[_("Study group"), _("Fiscal year"), _("Status"), _("Members"), _("Organizations")],
        empty=_("No study group in this period."),
    )
    for row in groups:
        table.rows.append(
            [
                row["title"],
                fiscal_year_label(row["fiscal_year"]),
                statuses.get(row["status"], row["status"]),
                row["members"],
                row["organizations"],
            ]
        )
        table.links.append(reverse("studygroups:detail", kwargs={"slug": row["slug"]}))
    return table


def score_changes(fy: int | None, limit: int = 10) -> tuple[Table, Table]:
    """Organizations whose average self-assessment score rose or fell between their last two assessed years
    (up to the chosen year). The averages are computed in the database; one row per organization and year."""
    until = fy or current_fiscal_year()
    rows = (
        Answer.objects.filter(
            response__status=AssessmentResponse.Status.SUBMITTED,
            response__fiscal_year__lte=until,
            response__fiscal_year__gte=until - TREND_YEARS,
            score__isnull=False,
        )
        .values(
            "response__organization_id",
            "response__organization__name",
            "response__organization__slug",
            "response__fiscal_year",
        )
        .annotate(score=Avg("score"))
        .order_by("response__organization_id", "response__fiscal_year")
    )
    per_organization: dict[int, list] = defaultdict(list)
    for row in rows:
        per_organization[row["response__organization_id"]].append(row)
    changes = []
    for years in per_organization.values():
        if len(years) < 2:
            continue
        before, now = years[-2], years[-1]
        changes.append(
            (
                round(float(now["score"]) - float(before["score"]), 2),
                now["response__organization__name"],
                now["response__organization__slug"],
                f"{fiscal_year_label(before['response__fiscal_year'])}: {float(before['score']):.2f}",
                f"{fiscal_year_label(now['response__fiscal_year'])}: {float(now['score']):.2f}",
            )
        )
    columns = [_("Organization"), _("Previous assessment"), _("Latest assessment"), pgettext("difference", "Change")]
    rose = Table(key="scores_rose", caption=_("Self-assessment scores that rose most"), columns=columns)
    fell = Table(key="scores_fell", caption=_("Self-assessment scores that fell"), columns=columns)
    for change, name, slug, before, now in sorted((c for c in changes if c[0] > 0), reverse=True)[:limit]:
        rose.rows.append([name, before, now, change])
        rose.links.append(reverse("progress:organization", kwargs={"slug": slug}))
    for change, name, slug, before, now in sorted(c for c in changes if c[0] < 0)[:limit]:
        fell.rows.append([name, before, now, change])
        fell.links.append(reverse("progress:organization", kwargs={"slug": slug}))
    rose.empty = _("No organization's score has risen yet.")
    fell.empty = _("No organization's score has fallen.")
    return rose, fell


ORGANIZATION_ORDERS = {
    "name": ("name",),
    "members": ("-member_count", "name"),
    "completions": ("-course_completions", "name"),
    "consultations": ("-consultations_held", "name"),
    "score": (F("average_score").desc(nulls_last=True), "name"),
}


def programme_organizations(
    fy: int | None, *, region: str = "", field: str = "", order: str = "name"
) -> QuerySet[Organization]:
    """Every organization with its figures for the year, as correlated counts (no join explosion)."""
    memberships = Membership.objects.all()
    groups = GroupMembership.objects.filter(status=GroupMembership.Status.ACTIVE)
    if fy is not None:
        groups = groups.filter(group__fiscal_year=fy)
    bookings = Booking.objects.filter(status=Booking.Status.COMPLETED).filter(in_year("start", fy))
    placements = Placement.objects.filter(in_year_dates("start_date", fy))
    completions = Enrollment.objects.filter(completed_at__isnull=False).filter(in_year("completed_at", fy))
    attendances = SeminarRegistration.objects.filter(attended=True).filter(in_year("session__starts_at", fy))
    latest_score = Subquery(
        AssessmentResponse.objects.filter(organization=OuterRef("pk"), status=AssessmentResponse.Status.SUBMITTED)
        .order_by("-fiscal_year", "-submitted_at")
        .annotate(average=Avg("answers__score"))
        .values("average")[:1]
    )
    organizations = Organization.objects.select_related("region")
    if region:
        organizations = organizations.filter(region__slug=region)
    if field:
        organizations = organizations.filter(fields_of_activity__slug=field)
    return organizations.annotate(
        member_count=count_subquery(memberships, "organization"),
        course_completions=count_subquery(completions, "organization"),
        seminar_attendances=count_subquery(attendances, "organization"),
        study_group_places=count_subquery(groups, "organization"),
        consultations_held=count_subquery(bookings, "organization"),
        placement_count=count_subquery(placements, "organization"),
        average_score=latest_score,
    ).order_by(*ORGANIZATION_ORDERS.get(order, ORGANIZATION_ORDERS["name"]))


def organizations_table(organizations) -> Table:
    table = Table(
        key="organizations",
        caption=_("Organizations"),
        columns=[
            _("Organization"),
            _("Region"),
            _("Members"),
            _("Course completions"),
            _("Seminar attendances"),
            _("Study group places"),
            _("Consultations held"),
            _("Placements"),
            _("Latest self-assessment score"),
        ],
        empty=_("No organization matches."),
    )
    for organization in organizations:
        score = organization.average_score
        table.rows.append(
            [
                organization.name,
                str(organization.region or ""),
                organization.member_count,
                organization.course_completions,
                organization.seminar_attendances,
                organization.study_group_places,
                organization.consultations_held,
                organization.placement_count,
                round(float(score), 2) if score is not None else None,
            ]
        )
        table.links.append(reverse("progress:organization", kwargs={"slug": organization.slug}))
    return table


def programme_dashboard(fy: int | None) -> dict:
    rose, fell = score_changes(fy)
    consultations = consultations_tables(fy)
    tables = {
        "trend": programme_trend(fy),
        "regions": by_region_table(fy),
        "fields": by_field_table(),
        "advisors": consultations["by_advisor"],
        "topics": consultations["by_topic"],
        "advisor_regions": consultations["by_region"],
        "course_rates": course_rates_table(fy),
        "seminar_rates": seminar_rates_table(fy),
        "placement_states": placements_by_state_table(fy),
        "study_groups": study_groups_table(fy),
        "scores_rose": rose,
        "scores_fell": fell,
    }
    return {"totals": programme_totals(fy), "tables": tables}


PROGRAMME_TABLES = {
    "trend": programme_trend,
    "regions": by_region_table,
    "fields": lambda fy: by_field_table(),
    "advisors": lambda fy: consultations_tables(fy)["by_advisor"],
    "topics": lambda fy: consultations_tables(fy)["by_topic"],
    "advisor_regions": lambda fy: consultations_tables(fy)["by_region"],
    "course_rates": course_rates_table,
    "seminar_rates": seminar_rates_table,
    "placement_states": placements_by_state_table,
    "study_groups": study_groups_table,
    "scores_rose": lambda fy: score_changes(fy)[0],
    "scores_fell": lambda fy: score_changes(fy)[1],
}


def programme_table(key: str, fy: int | None, *, region: str = "", field: str = "", order: str = "name") -> Table:
    if key == "organizations":
        return organizations_table(programme_organizations(fy, region=region, field=field, order=order))
    if key not in PROGRAMME_TABLES:
        raise Http404
    return PROGRAMME_TABLES[key](fy)


# Home page ----------------------------------------------------------------------------------------


def home_highlights(request) -> list[dict]:
    """Managers get their organizations' dashboards (and a draft assessment to finish); programme staff theirs."""
    user = request.user
    if not user.is_authenticated:
        return []
    if user.is_programme_staff:
        return [
            {
                "title": _("Programme progress"),
                "items": [
                    {
                        "url": reverse("progress:programme"),
                        "title": _("Programme dashboard"),
                        "meta": fiscal_year_label(current_fiscal_year()),
                    },
                    {
                        "url": reverse("progress:programme_organizations"),
                        "title": _("Compare organizations"),
                        "meta": "",
                    },
                ],
                "empty": "",
                "more_url": reverse("progress:programme"),
                "more_label": _("Programme dashboard"),
            }
        ]
    managed = list(
        Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.MANAGER)
        .annotate(
            drafts=Count(
                "assessment_responses",
                filter=Q(assessment_responses__status=AssessmentResponse.Status.DRAFT),
                distinct=True,
            )
        )
        .order_by("name")[:3]
    )
    if not managed:
        return []
    return [
        {
            "title": _("Your organization's progress"),
            "items": [
                {
                    "url": reverse("progress:organization", kwargs={"slug": organization.slug}),
                    "title": organization.name,
                    "meta": _("A self-assessment draft is waiting") if organization.drafts else "",
                }
                for organization in managed
            ],
            "empty": "",
            "more_url": reverse("progress:organization", kwargs={"slug": managed[0].slug}),
            "more_label": _("Open the dashboard"),
        }
    ]
