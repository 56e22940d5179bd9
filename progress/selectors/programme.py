"""The programme dashboard: every organization compared, trends by year, region, field and scheme."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from advisors import selectors as advisor_selectors
from advisors.models import Consultation
from courses import selectors as course_selectors
from courses.models import CoursePage, Enrollment, SeminarPage, SeminarRegistration
from lms.figures import Table
from lms.fiscal import (
    current_fiscal_year,
    fiscal_year_dates,
    fiscal_year_label,
)
from organizations.models import CapacityArea, FieldOfActivity, Membership, Organization, Region
from organizations.vocabulary import localize_name
from placements.models import Placement
from studygroups.models import GroupMembership, StudyGroup

from ..models import Answer, AssessmentResponse
from .common import (
    TREND_YEARS,
    count_subquery,
    fiscal_year_param,
    in_year,
    in_year_dates,
    per_fiscal_year,
    single_param,
    trend_years,
)
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

# Filters ------------------------------------------------------------------------------------------

SCHEMES = ("courses", "seminars", "consultations", "study_groups", "placements")


def scheme_choices() -> list[tuple[str, str]]:
    return [
        ("courses", _("Courses")),
        ("seminars", _("Seminars")),
        ("consultations", _("Consultations with NGO advisors")),
        ("study_groups", _("NGO Study Groups")),
        ("placements", _("NGO Researcher placements")),
    ]


@dataclass(frozen=True)
class ProgrammeFilters:
    """What the programme dashboard is narrowed to. Region and field describe the organization, so they narrow
    every figure through the organization the record belongs to; the capacity area narrows each scheme's activity
    by the area it is tagged with (course, seminar, consultation topic, study group, placement, assessed
    indicator); the scheme shows that scheme's figures only. Organization-wide figures (organizations, members)
    have no capacity area or scheme and follow region and field alone."""

    fy: int | None = None
    region: str = ""
    field: str = ""
    area: str = ""
    scheme: str = ""

    @property
    def narrows_organizations(self) -> bool:
        return bool(self.region or self.field)

    def shows(self, scheme: str) -> bool:
        return not self.scheme or self.scheme == scheme

    def organizations(self) -> QuerySet[Organization]:
        organizations = Organization.objects.all()
        if self.region:
            organizations = organizations.filter(region__slug=self.region)
        if self.field:
            organizations = organizations.filter(
                pk__in=Organization.objects.filter(fields_of_activity__slug=self.field).values("pk")
            )
        return organizations

    def of_organizations(self, path: str = "organization") -> Q:
        """Records whose organization (at ``path``) is in the region and field chosen; no join when none is."""
        if not self.narrows_organizations:
            return Q()
        return Q(**{f"{path}__in": self.organizations().values("pk")})

    def in_area(self, scheme: str) -> Q:
        if not self.area:
            return Q()
        return {
            "courses": Q(course__in=CoursePage.objects.filter(capacity_areas__slug=self.area).values("pk")),
            "seminars": Q(session__seminar__in=SeminarPage.objects.filter(capacity_areas__slug=self.area).values("pk")),
            "consultations": Q(topic__slug=self.area),
            "study_groups": Q(group__in=StudyGroup.objects.filter(capacity_areas__slug=self.area).values("pk")),
            "placements": Q(capacity_area__slug=self.area),
        }[scheme]

    def activity(self, scheme: str) -> Q:
        """A scheme's records (enrollments, registrations, consultations, group places, placements) within the
        chosen region, field and capacity area."""
        return self.of_organizations() & self.in_area(scheme)

    def query(self) -> dict:
        """The GET parameters that reproduce these filters (for exports and links)."""
        params = {"fy": self.fy if self.fy is not None else "all"}
        params |= {name: getattr(self, name) for name in ("region", "field", "area", "scheme") if getattr(self, name)}
        return params


@dataclass
class FilterChoices:
    regions: list
    fields: list
    areas: list
    schemes: list


def programme_filters(params) -> tuple[ProgrammeFilters, FilterChoices, list[str]]:
    """The filters from the query string, the choices to offer, and a message for each value ignored: a
    typed-in region or year that does not exist shows the whole programme with a note, never an error."""
    choices = FilterChoices(
        regions=list(Region.objects.canonical()),
        fields=list(FieldOfActivity.objects.canonical()),
        areas=list(CapacityArea.objects.canonical()),
        schemes=scheme_choices(),
    )
    ignored = []
    raw_fy = single_param(params, "fy")
    fy = fiscal_year_param(params)
    if raw_fy not in (None, "", "all") and str(fy) != raw_fy:
        ignored.append(_("There is no fiscal year “%(value)s”: the current fiscal year is shown.") % {"value": raw_fy})
    values = {}
    known = {
        "region": ({row.slug for row in choices.regions}, _("region")),
        "field": ({row.slug for row in choices.fields}, _("field of activity")),
        "area": ({row.slug for row in choices.areas}, _("capacity area")),
        "scheme": (set(SCHEMES), _("scheme")),
    }
    for name, (slugs, label) in known.items():
        raw = single_param(params, name) or ""
        if raw and raw not in slugs:
            ignored.append(
                _("There is no %(filter)s “%(value)s”: every %(filter)s is shown.") % {"filter": label, "value": raw}
            )
            raw = ""
        values[name] = raw
    return ProgrammeFilters(fy=fy, **values), choices, ignored


def active_filters(filters: ProgrammeFilters, choices: FilterChoices) -> list[tuple[str, str]]:
    """(label, value) of each filter narrowing the page beyond the fiscal year, in the reader's language."""
    names = {
        "region": (_("Region"), {row.slug: str(row) for row in choices.regions}),
        "field": (_("Field of activity"), {row.slug: str(row) for row in choices.fields}),
        "area": (_("Capacity area"), {row.slug: str(row) for row in choices.areas}),
        "scheme": (_("Scheme"), dict(choices.schemes)),
    }
    return [(label, by_slug[getattr(filters, key)]) for key, (label, by_slug) in names.items() if getattr(filters, key)]


# The programme dashboard --------------------------------------------------------------------------


def programme_totals(f: ProgrammeFilters) -> dict:
    """The figures at a glance; a scheme's figures are None when another scheme is chosen (and not queried)."""
    fy = f.fy
    totals = f.organizations().aggregate(organizations=Count("pk"))
    totals |= Membership.objects.filter(f.of_organizations()).aggregate(
        learners=Count("user", distinct=True),
        joined=Count("pk", filter=in_year("joined_at", fy)) if fy else Count("pk"),
    )
    totals |= dict.fromkeys(
        ("enrollments", "completions", "seminar_attendances", "consultations", "study_group_places", "placements")
    )
    totals["placements_later"] = None
    if f.shows("courses"):
        totals |= (
            Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN)
            .filter(f.activity("courses"))
            .aggregate(
                enrollments=Count("pk", filter=in_year("enrolled_at", fy)),
                completions=Count("pk", filter=Q(completed_at__isnull=False) & in_year("completed_at", fy)),
            )
        )
    if f.shows("seminars"):
        totals |= SeminarRegistration.objects.filter(
            in_year("session__starts_at", fy), f.activity("seminars")
        ).aggregate(
            seminar_attendances=Count("pk", filter=Q(attended=True)),
        )
    if f.shows("consultations"):
        totals |= Consultation.objects.filter(in_year("start", fy), f.activity("consultations")).aggregate(
            consultations=Count("pk", filter=Q(status=Consultation.Status.COMPLETED))
        )
    if f.shows("study_groups"):
        totals |= GroupMembership.objects.filter(
            f.activity("study_groups"), status=GroupMembership.Status.ACTIVE
        ).aggregate(study_group_places=Count("pk", filter=Q(group__fiscal_year=fy) if fy else Q()))
    if f.shows("placements"):
        totals |= Placement.objects.filter(f.activity("placements")).aggregate(
            placements=Count("pk", filter=in_year_dates("start_date", fy)),
            placements_later=Count("pk", filter=waiting_for_later_year(fy)),
        )
    totals |= AssessmentResponse.objects.filter(
        f.of_organizations(), status=AssessmentResponse.Status.SUBMITTED
    ).aggregate(assessments=Count("pk", filter=Q(fiscal_year=fy) if fy else Q()))
    return totals


def programme_trend(f: ProgrammeFilters) -> Table:
    years = trend_years(f.fy)
    assessments = {
        row["fiscal_year"]: row["n"]
        for row in AssessmentResponse.objects.filter(
            f.of_organizations(), status=AssessmentResponse.Status.SUBMITTED, fiscal_year__in=years
        )
        .values("fiscal_year")
        .annotate(n=Count("pk"))
        .order_by()
    }
    series = [(_("New members"), new_members_by_year(f.of_organizations(), years))]
    schemes = [
        ("courses", _("Course completions"), completions_by_year),
        ("seminars", _("Seminar attendances"), seminar_attendance_by_year),
        ("study_groups", _("Study group places"), study_group_members_by_year),
        ("consultations", _("Consultations held"), consultations_by_year),
    ]
    series += [(label, by_year(f.activity(key), years)) for key, label, by_year in schemes if f.shows(key)]
    if f.shows("placements"):
        placements = per_fiscal_year(
            Placement.objects.filter(f.activity("placements")), "start_date", years, dates=True
        )
        series.append((_("Placements started"), placements))
    series.append((_("Self-assessments submitted"), assessments))
    return activity_trend_table("trend", years, series)


def by_region_table(f: ProgrammeFilters) -> Table:
    regions = Region.objects.canonical().filter(Q(slug=f.region) if f.region else Q())
    in_field = f.of_organizations("organizations") if f.field else Q()
    organizations = {
        row["pk"]: row
        for row in regions.annotate(n=Count("organizations", filter=in_field)).values("pk", "name", "slug", "n")
    }
    members = {
        row["organization__region"]: row["n"]
        for row in Membership.objects.filter(f.of_organizations())
        .values("organization__region")
        .annotate(n=Count("user", distinct=True))
        .order_by()
    }
    columns = [_("Region"), _("Organizations"), _("Learners")]
    consultations = None
    if f.shows("consultations"):
        columns.append(_("Consultations held"))
        consultations = {
            row["organization__region"]: row["n"]
            for row in Consultation.objects.filter(status=Consultation.Status.COMPLETED)
            .filter(in_year("start", f.fy), f.activity("consultations"))
            .values("organization__region")
            .annotate(n=Count("pk"))
            .order_by()
        }
    table = Table(key="regions", caption=_("Organizations by region"), columns=columns)
    for pk, row in sorted(organizations.items(), key=lambda item: -item[1]["n"]):
        cells = [localize_name(Region, row["name"]), row["n"], members.get(pk, 0)]
        if consultations is not None:
            cells.append(consultations.get(pk, 0))
        table.rows.append(cells)
        table.links.append(reverse("progress:programme_organizations") + f"?region={row['slug']}")
    return table


def by_field_table(f: ProgrammeFilters) -> Table:
    in_region = Q(organizations__region__slug=f.region) if f.region else Q()
    rows = (
        FieldOfActivity.objects.canonical()
        .filter(Q(slug=f.field) if f.field else Q())
        .annotate(
            n=Count("organizations", filter=in_region, distinct=True),
            learners=Count("organizations__memberships", filter=in_region, distinct=True),
        )
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


def consultations_tables(f: ProgrammeFilters) -> dict:
    """Per advisor, topic and region, from advisors.selectors.programme_overview, restricted to the filters."""
    consultations = advisor_selectors.programme_consultations(topic=f.area).filter(
        in_year("start", f.fy), f.of_organizations()
    )
    overview = advisor_selectors.programme_overview(consultations)
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


def course_rates_table(f: ProgrammeFilters) -> Table:
    """Completion rate per course for enrollments in the period, from courses.selectors.completions_by_course."""
    rows = course_selectors.completions_by_course(**period_bounds(f.fy), where=f.activity("courses"))
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


def seminar_rates_table(f: ProgrammeFilters) -> Table:
    """Fill rate (confirmed seats / seats) and attendance rate (attended / confirmed) per session. With a region
    or field chosen, only sessions those organizations' staff registered for, counting their seats alone."""
    organizations = f.organizations() if f.narrows_organizations else None
    sessions = course_selectors.sessions_with_counts(organizations=organizations).filter(
        in_year("starts_at", f.fy), is_cancelled=False
    )
    if f.area:
        sessions = sessions.filter(seminar__in=SeminarPage.objects.filter(capacity_areas__slug=f.area).values("pk"))
    if organizations is not None:
        sessions = sessions.filter(
            pk__in=SeminarRegistration.objects.filter(organization__in=organizations.values("pk")).values("session")
        )
    sessions = sessions.values(
        "seminar__url_path", "seminar__title", "starts_at", "capacity", "confirmed_count", "attended_count"
    ).order_by("-starts_at")
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


def waiting_for_later_year(fy: int | None) -> Q:
    """Placements still pending that start after the chosen fiscal year (none when every year is shown)."""
    if fy is None:
        return Q(pk__in=[])
    return Q(state__in=PENDING_PLACEMENT_STATES, start_date__gte=fiscal_year_dates(fy + 1)[0])


def placements_by_state_table(f: ProgrammeFilters) -> Table:
    """Placements starting in the year by state; those still pending count too when they start in a later year,
    so the requests programme staff must act on never read 0 while they wait for next year. A column says how
    many of each are for a later year."""
    later = waiting_for_later_year(f.fy)
    period = in_year_dates("start_date", f.fy)
    if f.fy is not None:
        period |= later  # (an empty Q would swallow the OR: every year needs no "later")
    counts = {
        row["state"]: row
        for row in Placement.objects.filter(f.activity("placements"))
        .filter(period)
        .values("state")
        .annotate(n=Count("pk"), later=Count("pk", filter=later))
        .order_by()
    }
    table = Table(
        key="placement_states",
        caption=_("Researcher placements by state"),
        columns=[_("State"), _("Placements"), _("Of which for a later fiscal year")],
    )
    for value, label in Placement.State.choices:
        row = counts.get(value, {})
        table.rows.append([label, row.get("n", 0), row.get("later", 0)])
        year = f"&year={f.fy}" if f.fy and value not in PENDING_PLACEMENT_STATES else ""
        table.links.append(reverse("placements:list") + f"?state={value}" + year)
    return table


def study_groups_table(f: ProgrammeFilters) -> Table:
    """Groups of the year in the capacity area; with a region or field, those the chosen organizations take part
    in, counting their members alone."""
    active = Q(memberships__status=GroupMembership.Status.ACTIVE) & f.of_organizations("memberships__organization")
    groups = StudyGroup.objects.filter(Q(fiscal_year=f.fy) if f.fy else Q())
    if f.area:
        groups = groups.filter(pk__in=StudyGroup.objects.filter(capacity_areas__slug=f.area).values("pk"))
    if f.narrows_organizations:
        groups = groups.filter(
            pk__in=GroupMembership.objects.filter(f.of_organizations(), status=GroupMembership.Status.ACTIVE).values(
                "group"
            )
        )
    groups = (
        groups.annotate(
            members=Count("memberships", filter=active, distinct=True),
            organizations=Count("memberships__organization", filter=active, distinct=True),
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


def score_changes(f: ProgrammeFilters, limit: int = 10) -> tuple[Table, Table]:
    """Organizations whose average self-assessment score rose or fell between their last two assessed years
    (up to the chosen year), on the chosen capacity area's indicators when there is one. The averages are
    computed in the database; one row per organization and year."""
    until = f.fy or current_fiscal_year()
    rows = (
        Answer.objects.filter(
            f.of_organizations("response__organization"),
            Q(indicator__capacity_area__slug=f.area) if f.area else Q(),
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
    consultations = Consultation.objects.filter(status=Consultation.Status.COMPLETED).filter(in_year("start", fy))
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
        consultations_held=count_subquery(consultations, "organization"),
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


# The scheme each table belongs to: with another scheme chosen it is neither queried nor shown.
TABLE_SCHEMES = {
    "advisors": "consultations",
    "topics": "consultations",
    "advisor_regions": "consultations",
    "course_rates": "courses",
    "seminar_rates": "seminars",
    "placement_states": "placements",
    "study_groups": "study_groups",
}


def programme_dashboard(f: ProgrammeFilters) -> dict:
    """Every table narrowed by the same filters; a scheme's tables only when that scheme is shown."""
    rose, fell = score_changes(f)
    tables = {
        "trend": programme_trend(f),
        "regions": by_region_table(f),
        "fields": by_field_table(f),
        "scores_rose": rose,
        "scores_fell": fell,
    }
    if f.shows("consultations"):
        consultations = consultations_tables(f)
        tables |= {
            "advisors": consultations["by_advisor"],
            "topics": consultations["by_topic"],
            "advisor_regions": consultations["by_region"],
        }
    for key in ("course_rates", "seminar_rates", "placement_states", "study_groups"):
        if f.shows(TABLE_SCHEMES[key]):
            tables[key] = PROGRAMME_TABLES[key](f)
    return {"totals": programme_totals(f), "tables": tables}


PROGRAMME_TABLES = {
    "trend": programme_trend,
    "regions": by_region_table,
    "fields": by_field_table,
    "advisors": lambda f: consultations_tables(f)["by_advisor"],
    "topics": lambda f: consultations_tables(f)["by_topic"],
    "advisor_regions": lambda f: consultations_tables(f)["by_region"],
    "course_rates": course_rates_table,
    "seminar_rates": seminar_rates_table,
    "placement_states": placements_by_state_table,
    "study_groups": study_groups_table,
    "scores_rose": lambda f: score_changes(f)[0],
    "scores_fell": lambda f: score_changes(f)[1],
}


def programme_table(key: str, f: ProgrammeFilters, *, order: str = "name") -> Table:
    """One table of the dashboard, as exported: the same filters as the page it was exported from."""
    if key == "organizations":
        return organizations_table(programme_organizations(f.fy, region=f.region, field=f.field, order=order))
    if key not in PROGRAMME_TABLES:
        raise Http404
    return PROGRAMME_TABLES[key](f)


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
