"""The programme dashboard: every organization compared, trends by year, region, field and scheme.

Every scheme's figures come from its provider (lms.figures): this module imports no scheme's models.
"""

from collections import defaultdict

from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms import figures
from lms.fiscal import current_fiscal_year, fiscal_year_label
from lms.measures import Measure, Period, Table
from organizations.models import FieldOfActivity, Membership, Organization, Region
from organizations.vocabulary import localize_name

from ..models import Answer, AssessmentResponse
from .common import TREND_YEARS, in_year, trend_years
from .filters import ProgrammeFilters
from .organization import NEW_MEMBERS, activity_trend_table, trend_measures

# The programme dashboard --------------------------------------------------------------------------


def programme_totals(f: ProgrammeFilters) -> dict:
    """The figures at a glance; a scheme's figures are None when another scheme is chosen (and not queried)."""
    fy, scope, period = f.fy, f.scope(), f.period()
    totals = f.organizations().aggregate(organizations=Count("pk"))
    totals |= Membership.objects.filter(f.of_organizations()).aggregate(
        learners=Count("user", distinct=True),
        joined=Count("pk", filter=in_year("joined_at", fy)) if fy else Count("pk"),
    )
    totals |= dict.fromkeys(m.name for provider in figures.providers() for m in provider.measures)
    totals["placements_later"] = None
    shown = f.shown()
    totals |= figures.totals([m for provider in shown for m in provider.measures], scope, period)
    for provider in shown:
        totals |= provider.programme_figures(scope, period)
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
    measures = [m for m in trend_measures() if m is NEW_MEMBERS or f.shows(_scheme_of(m))]
    counts = figures.by_year(measures, f.scope(), years)
    series = [(str(m.label), counts[m.name]) for m in measures]
    series.append((_("Self-assessments submitted"), assessments))
    return activity_trend_table("trend", years, series)


def _scheme_of(measure: Measure) -> str:
    return next(provider.key for provider in figures.providers() if measure in provider.measures)


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
        consultations = figures.by_field(
            figures.measure("consultations"), f.scope(), f.period(), "organization__region"
        )
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


# The figures organizations are compared by: each scheme's headline measure, annotated as n_<name>.
ORGANIZATION_ORDERS = {
    "name": ("name",),
    "members": ("-member_count", "name"),
    "completions": ("-n_completions", "name"),
    "consultations": ("-n_consultations", "name"),
    "score": (F("average_score").desc(nulls_last=True), "name"),
}


def programme_organizations(
    fy: int | None, *, region: str = "", field: str = "", order: str = "name"
) -> QuerySet[Organization]:
    """Every organization with its figures for the year, as correlated counts (no join explosion)."""
    period = Period.year(fy)
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
    counts = {f"n_{m.name}": figures.per_organization(m, period) for _provider, m in figures.headlines()}
    return organizations.annotate(
        member_count=figures.per_organization(NEW_MEMBERS, Period()),
        average_score=latest_score,
        **counts,
    ).order_by(*ORGANIZATION_ORDERS.get(order, ORGANIZATION_ORDERS["name"]))


def organizations_table(organizations) -> Table:
    measures = [m for _provider, m in figures.headlines()]
    table = Table(
        key="organizations",
        caption=_("Organizations"),
        columns=[_("Organization"), _("Region"), _("Members")]
        + [str(m.label) for m in measures]
        + [_("Latest self-assessment score")],
        empty=_("No organization matches."),
    )
    for organization in organizations:
        score = organization.average_score
        table.rows.append(
            [organization.name, str(organization.region or ""), organization.member_count]
            + [getattr(organization, f"n_{m.name}") for m in measures]
            + [round(float(score), 2) if score is not None else None]
        )
        table.links.append(reverse("progress:organization", kwargs={"slug": organization.slug}))
    return table


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
    scope, period = f.scope(), f.period()
    for provider in f.shown():
        tables |= provider.programme_tables(scope, period)
    return {"totals": programme_totals(f), "tables": tables}


OWN_TABLES = {
    "trend": programme_trend,
    "regions": by_region_table,
    "fields": by_field_table,
    "scores_rose": lambda f: score_changes(f)[0],
    "scores_fell": lambda f: score_changes(f)[1],
}


def programme_table(key: str, f: ProgrammeFilters, *, order: str = "name") -> Table:
    """One table of the dashboard, as exported: the same filters as the page it was exported from."""
    if key == "organizations":
        return organizations_table(programme_organizations(f.fy, region=f.region, field=f.field, order=order))
    if key in OWN_TABLES:
        return OWN_TABLES[key](f)
    for provider in f.shown():
        if key in provider.programme_table_keys:
            return provider.programme_tables(f.scope(), f.period())[key]
    raise Http404


def programme_table_keys() -> list[str]:
    return [*OWN_TABLES, *(key for provider in figures.providers() for key in provider.programme_table_keys)]
