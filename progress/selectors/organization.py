"""One organization's dashboard, its members, its timeline; one member for their manager; a learner's own.

Every scheme's figures come from its provider (lms.figures): this module imports no scheme's models.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import batch, figures
from lms.fiscal import fiscal_year_label
from lms.measures import Measure, Period, Table
from organizations.models import Membership, Organization, User
from organizations.personal import memberships as personal_memberships

from .. import caching
from ..models import AssessmentResponse, Target
from .assessment import (
    area_score_history,
    area_score_history_later,
    recommendations_later,
    score_tables,
    shared_open_assessment_later,
    targets_table,
    targets_with_progress,
    targets_with_progress_later,
    weakest_area_ids,
)
from .common import NEW_MEMBERS, per_fiscal_year, trend_years
from .timeline import organization_scope, timeline, timeline_later, timeline_table

# Membership ---------------------------------------------------------------------------------------


MEMBER_FIELDS = (
    "user_id",
    "user__display_name",
    "user__first_name",
    "user__last_name",
    "user__email",
    "role",
    "job_title",
    "joined_at",
)


def member_rows(organization: Organization) -> list[dict]:
    """Every member of the organization in the members table's order, in one query: the figures, the member
    filter's choices and a page of the table are all read from these rows."""
    return list(_member_rows(organization))


def _member_rows(organization: Organization) -> QuerySet:
    return (
        Membership.objects.filter(organization=organization)
        .order_by("user__first_name", "user__email")
        .values(*MEMBER_FIELDS)
    )


def member_activity(organization: Organization, fy: int | None, member: User | None = None) -> dict:
    """Each member measure's count per person for this organization in the year, in one query."""
    return _member_activity(organization, fy, member).value()


def _member_activity(organization: Organization, fy: int | None, member: User | None = None) -> batch.Later[dict]:
    return figures.by_person_later(figures.member_measures(), organization_scope(organization, member), Period.year(fy))


def _figures_from(rows: list[dict], fy: int | None, activity: dict) -> dict:
    """Members, managers, members who joined in the year, and active learners: members counted in any
    activity column of the members table for the year (see each measure's doc)."""
    counted = set().union(*(set(per_person) for per_person in activity.values()))
    period = Period.year(fy)
    return {
        "members": len(rows),
        "managers": sum(row["role"] == Membership.Role.MANAGER for row in rows),
        "joined": sum(not period.bounded or period.start <= row["joined_at"] < period.end for row in rows),
        "active": sum(row["user_id"] in counted for row in rows),
    }


def member_choices(organization: Organization, rows: list[dict] | None = None) -> list[tuple[int, str]]:
    return [(row["user_id"], _name(row)) for row in (member_rows(organization) if rows is None else rows)]


def _name(row: dict) -> str:
    full = " ".join(p for p in (row["user__first_name"], row["user__last_name"]) if p)
    return row["user__display_name"] or full or row["user__email"]


def members_table(
    organization: Organization,
    fy: int | None,
    member: User | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    rows: list[dict] | None = None,
    activity: dict | None = None,
) -> Table:
    """Every member with their activity for this organization in the year: one column per scheme measure
    shown per member. ``rows`` and ``activity``, when the caller has read them (``member_rows``,
    ``member_activity``); otherwise two queries."""
    measures = figures.member_measures()
    rows = member_rows(organization) if rows is None else rows
    if member is not None:
        rows = [row for row in rows if row["user_id"] == member.pk]
    if limit is not None:
        rows = rows[offset : offset + limit]
    counts = member_activity(organization, fy, member) if activity is None else activity
    roles = dict(Membership.Role.choices)
    table = Table(
        key="members",
        caption=_("Members and their activity"),
        columns=[_("Member"), _("Role"), _("Job title"), _("Joined")] + [str(m.member_label) for m in measures],
        empty=_("No members yet."),
    )
    for row in rows:
        table.rows.append(
            [
                _name(row),
                roles.get(row["role"], row["role"]),
                row["job_title"],
                timezone.localtime(row["joined_at"]).date(),
            ]
            + [counts[m.name].get(row["user_id"], 0) for m in measures]
        )
        table.links.append(reverse("progress:member", kwargs={"slug": organization.slug, "user_id": row["user_id"]}))
    return table


def new_members_by_year(organization_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(Membership.objects.filter(organization_filter), "joined_at", years)


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
    return _activity_table(organization, fy, member).value()


def _activity_table(organization: Organization, fy: int | None, member: User | None) -> batch.Later[Table]:
    years = trend_years(fy)
    measures = trend_measures(member)
    counts = figures.by_year_later(measures, organization_scope(organization, member), years)

    def build(found: list[dict]) -> Table:
        return activity_trend_table("activity", years, [(str(m.label), found[0][m.name]) for m in measures])

    return batch.gather([counts], build)


def scheme_sections(organization: Organization, fy: int | None, member: User | None) -> tuple[dict, dict]:
    """(figures, tables) every scheme contributes to the organization's dashboard."""
    return _scheme_sections(organization, fy, member).value()


def _scheme_sections(organization: Organization, fy: int | None, member: User | None) -> batch.Later[tuple]:
    scope, period = organization_scope(organization, member), Period.year(fy)
    providers = figures.providers()
    numbers = batch.merged([provider.organization_figures_later(scope, period) for provider in providers])
    tables = batch.merged([provider.organization_tables_later(scope, period) for provider in providers])
    return batch.gather([numbers, tables], tuple)


MEMBERS_PER_PAGE = 100


def organization_dashboard(
    organization: Organization, fy: int | None, member: User | None, *, members_page: int = 1
) -> dict:
    """Everything the dashboard shows, in two round trips (lms.batch): first every question that needs no other
    answer, then the targets' counts and the recommendations, which need the targets and the scores."""
    return _dashboard(organization, fy, member, members_page=members_page).value()


def _dashboard(
    organization: Organization, fy: int | None, member: User | None, *, members_page: int = 1, also=()
) -> batch.Later[dict]:
    history = area_score_history_later(organization)
    every_target = _targets(organization)
    sections = _scheme_sections(organization, fy, member)
    events = timeline_later(organization, fy, member)
    rows = _member_rows(organization)
    whole = _member_activity(organization, fy)
    # With a member chosen, the table's counts are that member's (the same figures, one person).
    own = _member_activity(organization, fy, member) if member is not None else whole
    activity = _activity_table(organization, fy, member)
    draft = (
        AssessmentResponse.objects.filter(organization=organization, status=AssessmentResponse.Status.DRAFT)
        .select_related("organization")
        .order_by("pk")[:1]
    )
    first = [history, sections, events, whole, own, activity, *also]
    querysets = [every_target, rows, draft, *(queryset for later in first for queryset in later.querysets)]

    def build() -> dict:
        answers = history.build()
        targets = [target for target in every_target if target.status == Target.Status.ACTIVE]
        archived = sorted(
            (target for target in every_target if target.status == Target.Status.ARCHIVED),
            key=lambda target: target.due_date,
            reverse=True,
        )
        progress, suggested = batch.resolve(
            targets_with_progress_later(organization, answers, targets),
            recommendations_later(weakest_area_ids(answers)),
        )
        return _assemble(
            organization,
            fy,
            member,
            members_page,
            answers=answers,
            targets=progress,
            archived=archived,
            sections=sections.build(),
            events=events.build(),
            rows=list(rows),
            counts=(whole.build(), own.build() if member is not None else None),
            activity=activity.build(),
        ) | {"recommendations": suggested, "draft": next(iter(draft), None)}

    return batch.Later(build, querysets)


def _targets(organization: Organization) -> QuerySet[Target]:
    return (
        Target.objects.filter(organization=organization)
        .select_related("capacity_area", "course")
        .order_by("status", "due_date", "pk")
    )


def _assemble(
    organization, fy, member, members_page, *, answers, targets, archived, sections, events, rows, counts, activity
):
    trend_table, latest_table = score_tables(answers)
    scheme_figures, scheme_tables = sections
    whole, own = counts
    numbers = _figures_from(rows, fy, whole)
    pages = max(1, -(-numbers["members"] // MEMBERS_PER_PAGE))
    members_page = min(max(1, members_page), pages)
    page = members_table(
        organization,
        fy,
        member,
        limit=MEMBERS_PER_PAGE,
        offset=(members_page - 1) * MEMBERS_PER_PAGE,
        rows=rows,
        activity=own if own is not None else whole,
    )
    tables = {
        "members": page,
        "activity": activity,
        "scores": trend_table,
        "latest_scores": latest_table,
        "targets": targets_table(targets),
        **scheme_tables,
        "timeline": timeline_table(events),
    }
    return {
        "figures": numbers | scheme_figures,
        "members_page": {"number": members_page, "count": pages},
        "member_choices": member_choices(organization, rows),
        "archived_targets": archived[:20],
        "history": answers,
        "targets": targets,
        "tables": tables,
        "events": events,
    }


def cached_organization_dashboard(
    organization: Organization, fy: int | None, member: User | None, *, members_page: int = 1
) -> dict:
    """The dashboard, the member filter's choices and the open assessment, from the cache while nothing they
    count has changed (see progress.caching)."""

    def build() -> dict:
        assessment = shared_open_assessment_later()
        dashboard = _dashboard(organization, fy, member, members_page=members_page, also=[assessment])
        return dashboard.value() | {"open_assessment": assessment.build()}

    # Pages past the last are keyed as the last, so made-up page numbers cannot fill the cache (the first page
    # needs no count).
    if members_page > 1:
        members = caching.get_or_build(
            caching.key(organization.pk, ("members",)),
            lambda: Membership.objects.filter(organization=organization).count(),
        )
        members_page = min(members_page, max(1, -(-members // MEMBERS_PER_PAGE)))
    members_page = max(1, members_page)
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
            return provider.organization_tables(organization_scope(organization, member), Period.year(fy))[key]
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
    summary = {"organizations": personal_memberships(user)}  # read once per request; the header reads them too
    for part in batch.resolve(*(provider.learner_figures_later(user) for provider in figures.providers())):
        summary |= part
    return summary
