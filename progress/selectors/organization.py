"""One organization's dashboard, its members, its timeline; one member for their manager; a learner's own.

Every scheme's figures come from its provider (lms.figures): this module imports no scheme's models.
"""

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms import figures
from lms.figures import Event, Measure, Period, Scope, Table
from lms.fiscal import fiscal_year_label
from organizations.models import Membership, Organization, User

from .. import caching
from ..models import AssessmentResponse, Target
from .assessment import (
    area_score_history,
    open_assessment,
    recommendations,
    score_tables,
    targets_table,
    targets_with_progress,
    weakest_area_ids,
)
from .common import NEW_MEMBERS, TIMELINE_LENGTH, TIMELINE_PER_SOURCE, in_year, per_fiscal_year, trend_years

# Membership ---------------------------------------------------------------------------------------


def membership_figures(organization: Organization, fy: int | None) -> dict:
    return Membership.objects.filter(organization=organization).aggregate(
        members=Count("pk"),
        managers=Count("pk", filter=Q(role=Membership.Role.MANAGER)),
        joined=Count("pk", filter=in_year("joined_at", fy)) if fy else Count("pk"),
    )


def member_choices(organization: Organization) -> list[tuple[int, str]]:
    rows = (
        Membership.objects.filter(organization=organization)
        .order_by("user__first_name", "user__email")
        .values_list("user_id", "user__display_name", "user__first_name", "user__last_name", "user__email")
    )
    return [
        (pk, display or " ".join(p for p in (first, last) if p) or email) for pk, display, first, last, email in rows
    ]


def members_table(
    organization: Organization,
    fy: int | None,
    member: User | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Table:
    """Every member with their activity for this organization in the year: one column per scheme measure
    shown per member, all counted in one query."""
    measures = figures.member_measures()
    memberships = Membership.objects.filter(organization=organization)
    if member is not None:
        memberships = memberships.filter(user=member)
    rows = memberships.order_by("user__first_name", "user__email").values(
        "user_id",
        "user__display_name",
        "user__first_name",
        "user__last_name",
        "user__email",
        "role",
        "job_title",
        "joined_at",
    )
    if limit is not None:
        rows = rows[offset : offset + limit]
    rows = list(rows)
    # The whole organization's counts are grouped by member in one pass; a page asks for its own members only.
    whole = limit is None and member is None
    people = None if whole else [row["user_id"] for row in rows]
    counts = figures.by_person(measures, _scope(organization, member), Period.year(fy), people)
    roles = dict(Membership.Role.choices)
    table = Table(
        key="members",
        caption=_("Members and their activity"),
        columns=[_("Member"), _("Role"), _("Job title"), _("Joined")] + [str(m.member_label) for m in measures],
        empty=_("No members yet."),
    )
    for row in rows:
        name = row["user__display_name"] or " ".join(p for p in (row["user__first_name"], row["user__last_name"]) if p)
        table.rows.append(
            [
                name or row["user__email"],
                roles.get(row["role"], row["role"]),
                row["job_title"],
                timezone.localtime(row["joined_at"]).date(),
            ]
            + [counts[m.name].get(row["user_id"], 0) for m in measures]
        )
        table.links.append(reverse("progress:member", kwargs={"slug": organization.slug, "user_id": row["user_id"]}))
    return table


def active_learner_count(organization: Organization, fy: int | None) -> int:
    """Members counted in any activity column of the members table for the year (see each measure's doc)."""
    scope, period = _scope(organization), Period.year(fy)
    return (
        Membership.objects.filter(organization=organization)
        .filter(figures.involving(figures.member_measures(), scope, period))
        .count()
    )


def new_members_by_year(organization_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(Membership.objects.filter(organization_filter), "joined_at", years)


def _scope(organization: Organization, member: User | None = None) -> Scope:
    return Scope(organizations=organization.pk, member=member.pk if member is not None else None)


# Timeline -----------------------------------------------------------------------------------------


def timeline(organization: Organization, fy: int | None, member: User | None) -> list[Event]:
    """The latest capacity-building events of every kind, merged; each source is capped, so the cost is fixed."""
    scope, period = _scope(organization, member), Period.year(fy)
    joined = NEW_MEMBERS.queryset(scope, period).select_related("user").order_by("-joined_at")
    events = [
        Event(when=row.joined_at, kind=_("Member"), text=_("%(name)s joined") % {"name": row.user})
        for row in joined[:TIMELINE_PER_SOURCE]
    ]
    for provider in figures.providers():
        events += provider.timeline(scope, period, TIMELINE_PER_SOURCE)
    if member is None:
        responses = AssessmentResponse.objects.filter(
            organization=organization, status=AssessmentResponse.Status.SUBMITTED
        ).filter(in_year("submitted_at", fy))
        for row in responses.select_related("submitted_by").order_by("-submitted_at")[:TIMELINE_PER_SOURCE]:
            events.append(
                Event(
                    when=row.submitted_at,
                    kind=_("Self-assessment"),
                    text=_("Self-assessment submitted by %(name)s") % {"name": row.submitted_by or "-"},
                    url=reverse("progress:response", kwargs={"slug": organization.slug, "pk": row.pk}),
                )
            )
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:TIMELINE_LENGTH]


def timeline_table(events: list[dict]) -> Table:
    table = Table(
        key="timeline",
        caption=_("Timeline of capacity-building activity"),
        columns=[pgettext("date column", "When"), _("Kind"), _("What")],
        empty=_("Nothing recorded in this period yet."),
    )
    for event in events:
        table.rows.append([timezone.localtime(event.when).date(), event.kind, event.text])
    return table


# The organization dashboard -----------------------------------------------------------------------


def activity_trend_table(key: str, years: list[int], series: list[tuple[str, dict[int, int]]]) -> Table:
    table = Table(
        key=key,
        caption=_("Activity by fiscal year"),
        columns=[_("Fiscal year")] + [name for name, _values in series],
    )
    for fy in years:
        table.rows.append([fiscal_year_label(fy)] + [values.get(fy, 0) for _name, values in series])
    return table


def trend_measures(member: User | None = None) -> list[Measure]:
    """New members and each scheme's headline figure; with a member chosen, only figures about people."""
    measures = [NEW_MEMBERS] + [m for _provider, m in figures.headlines()]
    return [m for m in measures if member is None or m.person]


def organization_activity_table(organization: Organization, fy: int | None, member: User | None) -> Table:
    years = trend_years(fy)
    measures = trend_measures(member)
    counts = figures.by_year(measures, _scope(organization, member), years)
    return activity_trend_table("activity", years, [(str(m.label), counts[m.name]) for m in measures])


def scheme_sections(organization: Organization, fy: int | None, member: User | None) -> tuple[dict, dict]:
    """(figures, tables) every scheme contributes to the organization's dashboard."""
    scope, period = _scope(organization, member), Period.year(fy)
    numbers: dict = {}
    tables: dict[str, Table] = {}
    for provider in figures.providers():
        numbers |= provider.organization_figures(scope, period)
        tables |= provider.organization_tables(scope, period)
    return numbers, tables


MEMBERS_PER_PAGE = 100


def organization_dashboard(
    organization: Organization, fy: int | None, member: User | None, *, members_page: int = 1
) -> dict:
    history = area_score_history(organization)
    trend_table, latest_table = score_tables(history)
    targets = targets_with_progress(organization, history)
    scheme_figures, scheme_tables = scheme_sections(organization, fy, member)
    events = timeline(organization, fy, member)
    numbers = membership_figures(organization, fy)
    pages = max(1, -(-numbers["members"] // MEMBERS_PER_PAGE))
    members_page = min(max(1, members_page), pages)
    tables = {
        "members": members_table(
            organization, fy, member, limit=MEMBERS_PER_PAGE, offset=(members_page - 1) * MEMBERS_PER_PAGE
        ),
        "activity": organization_activity_table(organization, fy, member),
        "scores": trend_table,
        "latest_scores": latest_table,
        "targets": targets_table(targets),
        **scheme_tables,
        "timeline": timeline_table(events),
    }
    return {
        "figures": numbers | {"active": active_learner_count(organization, fy)} | scheme_figures,
        "members_page": {"number": members_page, "count": pages},
        "archived_targets": list(
            Target.objects.filter(organization=organization, status=Target.Status.ARCHIVED).order_by("-due_date")[:20]
        ),
        "history": history,
        "targets": targets,
        "tables": tables,
        "events": events,
        "recommendations": recommendations(weakest_area_ids(history)),
        "draft": AssessmentResponse.objects.filter(organization=organization, status=AssessmentResponse.Status.DRAFT)
        .select_related("organization")
        .first(),
    }


def cached_organization_dashboard(
    organization: Organization, fy: int | None, member: User | None, *, members_page: int = 1
) -> dict:
    """The dashboard, the member filter's choices and the open assessment, from the cache while nothing they
    count has changed (see progress.caching)."""

    def build() -> dict:
        return organization_dashboard(organization, fy, member, members_page=members_page) | {
            "member_choices": member_choices(organization),
            "open_assessment": open_assessment(),
        }

    # Pages past the last are keyed as the last, so made-up page numbers cannot fill the cache.
    members = caching.get_or_build(
        caching.key(organization.pk, ("members",)), lambda: Membership.objects.filter(organization=organization).count()
    )
    members_page = min(max(1, members_page), max(1, -(-members // MEMBERS_PER_PAGE)))
    name = caching.key(organization.pk, ("dashboard", fy, member and member.pk, members_page))
    # The template caches its larger fragments under the same key, so they change when the figures do.
    return caching.get_or_build(name, build) | {"cache_key": name, "cache_seconds": caching.TIMEOUT}


def _history_tables(organization):
    return score_tables(area_score_history(organization))


# Each export builds only its own table (every member, not one page of them); a scheme's tables come from the
# first provider that has one by that key.
OWN_TABLES = {
    "members": lambda o, fy, m: members_table(o, fy, m),
    "activity": organization_activity_table,
    "scores": lambda o, fy, m: _history_tables(o)[0],
    "latest_scores": lambda o, fy, m: _history_tables(o)[1],
    "targets": lambda o, fy, m: targets_table(targets_with_progress(o, area_score_history(o))),
    "timeline": lambda o, fy, m: timeline_table(timeline(o, fy, m)),
}


def organization_table(key: str, organization: Organization, fy: int | None, member: User | None) -> Table:
    if key in OWN_TABLES:
        return OWN_TABLES[key](organization, fy, member)
    for provider in figures.providers():
        if key in provider.organization_table_keys:
            return provider.organization_tables(_scope(organization, member), Period.year(fy))[key]
    raise Http404


def organization_table_keys() -> list[str]:
    return [*OWN_TABLES, *(key for provider in figures.providers() for key in provider.organization_table_keys)]


# One member, for their manager --------------------------------------------------------------------


def member_overview(organization: Organization, member: User) -> dict:
    """What a manager may see of one member: their activity for this organization, shared outcomes only."""
    overview = {"membership": Membership.objects.get(organization=organization, user=member)}
    for provider in figures.providers():
        overview |= provider.member_records(member, organization.pk)
    return overview


# The learner's own picture ------------------------------------------------------------------------


def learner_summary(user) -> dict:
    """For the learner themself (the learning page can include it with {% learner_progress %})."""
    if not user.is_authenticated:
        return {}
    summary = {"organizations": list(Membership.objects.filter(user=user).select_related("organization"))}
    for provider in figures.providers():
        summary |= provider.learner_figures(user)
    return summary
