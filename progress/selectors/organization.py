"""One organization's dashboard, its members, its timeline; one member for their manager; a learner's own.

Every scheme's figures come from its provider (lms.figures): this module imports no scheme's models.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms import figures
from lms import timeline as lms_timeline
from lms.figures import Event, Measure, Period, Scope, Table
from lms.fiscal import fiscal_year_label
from organizations.models import Membership, Organization, User

from .. import caching
from ..models import AssessmentResponse, Target
from .assessment import (
    area_score_history,
    organization_targets,
    recommendations,
    score_tables,
    shared_open_assessment,
    targets_table,
    targets_with_progress,
    weakest_area_ids,
)
from .common import NEW_MEMBERS, TIMELINE_LENGTH, in_year, per_fiscal_year, trend_years

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
    return list(
        Membership.objects.filter(organization=organization)
        .order_by("user__first_name", "user__email")
        .values(*MEMBER_FIELDS)
    )


def member_activity(organization: Organization, fy: int | None, member: User | None = None) -> dict:
    """Each member measure's count per person for this organization in the year, in one query."""
    return figures.by_person(figures.member_measures(), _scope(organization, member), Period.year(fy))


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


def _scope(organization: Organization, member: User | None = None) -> Scope:
    return Scope(organizations=organization.pk, member=member.pk if member is not None else None)


# Timeline -----------------------------------------------------------------------------------------


def _joined(rows: list[lms_timeline.Row]) -> list[Event]:
    return [Event(when=row.when, kind=_("Member"), text=_("%(name)s joined") % {"name": row.person}) for row in rows]


def _submitted(organization: Organization):
    def events(rows: list[lms_timeline.Row]) -> list[Event]:
        return [
            Event(
                when=row.when,
                kind=_("Self-assessment"),
                text=_("Self-assessment submitted by %(name)s") % {"name": row.person or "-"},
                url=reverse("progress:response", kwargs={"slug": organization.slug, "pk": row.subject_id}),
            )
            for row in rows
        ]

    return events


def timeline(organization: Organization, fy: int | None, member: User | None) -> list[Event]:
    """The latest capacity-building events of every kind, merged, in one query (lms.timeline)."""
    scope, period = _scope(organization, member), Period.year(fy)
    sources = [(_joined, lms_timeline.columns(NEW_MEMBERS.queryset(scope, period), when="joined_at", person="user"))]
    sources += [(provider.timeline_events, provider.timeline_rows(scope, period)) for provider in figures.providers()]
    if member is None:
        responses = AssessmentResponse.objects.filter(
            organization=organization, status=AssessmentResponse.Status.SUBMITTED
        ).filter(in_year("submitted_at", fy))
        sources.append(
            (
                _submitted(organization),
                lms_timeline.columns(responses, when="submitted_at", person="submitted_by", subject_id="pk"),
            )
        )
    return lms_timeline.read(sources, TIMELINE_LENGTH)


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
    every_target = organization_targets(organization, include_archived=True)
    active_targets = [target for target in every_target if target.status == Target.Status.ACTIVE]
    archived = sorted(
        (target for target in every_target if target.status == Target.Status.ARCHIVED),
        key=lambda target: target.due_date,
        reverse=True,
    )
    targets = targets_with_progress(organization, history, targets=active_targets)
    scheme_figures, scheme_tables = scheme_sections(organization, fy, member)
    events = timeline(organization, fy, member)
    rows = member_rows(organization)
    whole = member_activity(organization, fy)
    numbers = _figures_from(rows, fy, whole)
    # With a member chosen, the table's counts are that member's (the same figures, one person).
    activity = member_activity(organization, fy, member) if member is not None else whole
    pages = max(1, -(-numbers["members"] // MEMBERS_PER_PAGE))
    members_page = min(max(1, members_page), pages)
    page = members_table(
        organization,
        fy,
        member,
        limit=MEMBERS_PER_PAGE,
        offset=(members_page - 1) * MEMBERS_PER_PAGE,
        rows=rows,
        activity=activity,
    )
    tables = {
        "members": page,
        "activity": organization_activity_table(organization, fy, member),
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
            "open_assessment": shared_open_assessment(),
        }

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
