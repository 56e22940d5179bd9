"""One organization's dashboard, its members, its timeline; one member for their manager; a learner's own."""

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from advisors import selectors as advisor_selectors
from advisors.models import Consultation
from courses import selectors as course_selectors
from courses.models import Enrollment, SeminarRegistration
from lms.figures import Table
from lms.fiscal import (
    fiscal_year_bounds,
    fiscal_year_label,
)
from lms.translations import page_title, translated_titles
from organizations.models import Membership, Organization, User
from placements.models import PlacementTransition
from studygroups import selectors as studygroup_selectors
from studygroups.models import GroupMembership

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
from .common import TIMELINE_LENGTH, TIMELINE_PER_SOURCE, in_year, per_fiscal_year, trend_years
from .schemes import (
    completions_by_year,
    consultation_tables,
    consultations_by_year,
    course_tables,
    placement_table,
    seminar_attendance_by_year,
    seminar_tables,
    study_group_members_by_year,
    study_group_table,
)

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
    """Every member with their activity for this organization in the year, counted by the database."""
    groups = GroupMembership.objects.filter(organization=organization, status=GroupMembership.Status.ACTIVE)
    if fy is not None:
        groups = groups.filter(group__fiscal_year=fy)
    consultations = Consultation.objects.filter(organization=organization, status=Consultation.Status.COMPLETED).filter(
        in_year("start", fy)
    )
    enrollments = Enrollment.objects.filter(organization=organization).exclude(status=Enrollment.Status.WITHDRAWN)
    completions = enrollments.filter(completed_at__isnull=False).filter(in_year("completed_at", fy))
    seminars = SeminarRegistration.objects.filter(organization=organization, attended=True).filter(
        in_year("session__starts_at", fy)
    )
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
    # One grouped count per kind of activity, merged by user id: each query reads the organization's rows once
    # (correlated subqueries per member were many times slower on SQLite at 1,000 members).
    whole = limit is None and member is None
    user_ids = [0, *(row["user_id"] for row in rows)]  # 0 keeps the query from being skipped when empty

    def per_user(queryset, field="user"):
        if not whole:
            queryset = queryset.filter(**{f"{field}__in": user_ids})
        return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))

    counts = {
        "enrollments": per_user(enrollments.filter(in_year("enrolled_at", fy))),
        "completions": per_user(completions),
        "seminars": per_user(seminars),
        "study_groups": per_user(groups),
        "consultations": per_user(consultations, "learner"),
    }
    for row in rows:
        for name, values in counts.items():
            row[name] = values.get(row["user_id"], 0)
    roles = dict(Membership.Role.choices)
    table = Table(
        key="members",
        caption=_("Members and their activity"),
        columns=[
            _("Member"),
            _("Role"),
            _("Job title"),
            _("Joined"),
            _("Courses started"),
            _("Courses completed"),
            _("Seminars attended"),
            _("Study groups"),
            _("Consultations held"),
        ],
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
                row["enrollments"],
                row["completions"],
                row["seminars"],
                row["study_groups"],
                row["consultations"],
            ]
        )
        table.links.append(reverse("progress:member", kwargs={"slug": organization.slug, "user_id": row["user_id"]}))
    return table


def active_learner_count(organization: Organization, fy: int | None) -> int:
    """Members with any recorded capacity-building activity for this organization in the year."""
    groups = GroupMembership.objects.filter(organization=organization, status=GroupMembership.Status.ACTIVE)
    if fy is not None:
        groups = groups.filter(group__fiscal_year=fy)
    consultations = Consultation.objects.filter(organization=organization, status=Consultation.Status.COMPLETED).filter(
        in_year("start", fy)
    )
    enrollments = Enrollment.objects.filter(organization=organization).exclude(status=Enrollment.Status.WITHDRAWN)
    if fy is not None:
        start, end = fiscal_year_bounds(fy)
        enrollments = enrollments.filter(
            Q(enrolled_at__gte=start, enrolled_at__lt=end)
            | Q(last_activity_at__gte=start, last_activity_at__lt=end)
            | Q(completed_at__gte=start, completed_at__lt=end)
        )
    seminars = SeminarRegistration.objects.filter(organization=organization, attended=True).filter(
        in_year("session__starts_at", fy)
    )
    return (
        Membership.objects.filter(organization=organization)
        .filter(
            Q(user__in=groups.values("user"))
            | Q(user__in=consultations.values("learner"))
            | Q(user__in=enrollments.values("user"))
            | Q(user__in=seminars.values("user"))
        )
        .count()
    )


def new_members_by_year(organization_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(Membership.objects.filter(organization_filter), "joined_at", years)


# Timeline -----------------------------------------------------------------------------------------


def timeline(organization: Organization, fy: int | None, member: User | None) -> list[dict]:
    """The latest capacity-building events of every kind, merged; each source is capped, so the cost is fixed."""
    events: list[dict] = []
    joined = Membership.objects.filter(organization=organization).filter(in_year("joined_at", fy))
    groups = GroupMembership.objects.filter(organization=organization, status=GroupMembership.Status.ACTIVE).filter(
        in_year("created_at", fy)
    )
    consultations = Consultation.objects.filter(organization=organization, status=Consultation.Status.COMPLETED).filter(
        in_year("start", fy)
    )
    completions = Enrollment.objects.filter(organization=organization, completed_at__isnull=False).filter(
        in_year("completed_at", fy)
    )
    seminars = SeminarRegistration.objects.filter(organization=organization, attended=True).filter(
        in_year("session__starts_at", fy)
    )
    if member is not None:
        joined, groups, consultations = (
            joined.filter(user=member),
            groups.filter(user=member),
            consultations.filter(learner=member),
        )
        completions, seminars = completions.filter(user=member), seminars.filter(user=member)
    titles = translated_titles()
    for row in completions.select_related("user", "course").order_by("-completed_at")[:TIMELINE_PER_SOURCE]:
        events.append(
            {
                "when": row.completed_at,
                "kind": _("Course"),
                "text": _("%(name)s completed %(course)s")
                % {"name": row.user, "course": page_title(row.course, titles)},
                "url": row.course.url,
            }
        )
    for row in seminars.select_related("user", "session", "session__seminar").order_by("-session__starts_at")[
        :TIMELINE_PER_SOURCE
    ]:
        events.append(
            {
                "when": row.session.starts_at,
                "kind": _("Seminar"),
                "text": _("%(name)s attended %(seminar)s")
                % {"name": row.user, "seminar": row.session.title or page_title(row.session.seminar, titles)},
                "url": row.session.seminar.url,
            }
        )
    for row in joined.select_related("user").order_by("-joined_at")[:TIMELINE_PER_SOURCE]:
        events.append({"when": row.joined_at, "kind": _("Member"), "text": _("%(name)s joined") % {"name": row.user}})
    for row in groups.select_related("user", "group").order_by("-created_at")[:TIMELINE_PER_SOURCE]:
        events.append(
            {
                "when": row.created_at,
                "kind": _("Study group"),
                "text": _("%(name)s joined %(group)s") % {"name": row.user, "group": row.group.title},
                "url": row.group.get_absolute_url(),
            }
        )
    for row in consultations.select_related("learner", "topic").order_by("-start")[:TIMELINE_PER_SOURCE]:
        events.append(
            {
                "when": row.start,
                "kind": _("Consultation"),
                "text": _("%(name)s consulted an advisor on %(topic)s") % {"name": row.learner, "topic": row.topic},
            }
        )
    if member is None:
        transitions = PlacementTransition.objects.filter(placement__organization=organization).filter(
            in_year("created_at", fy)
        )
        for row in transitions.select_related("placement", "placement__capacity_area").order_by("-created_at")[
            :TIMELINE_PER_SOURCE
        ]:
            events.append(
                {
                    "when": row.created_at,
                    "kind": _("Placement"),
                    "text": _("Placement in %(field)s: %(state)s")
                    % {"field": row.placement.capacity_area, "state": row.get_to_state_display()},
                    "url": row.placement.get_absolute_url(),
                }
            )
        responses = AssessmentResponse.objects.filter(
            organization=organization, status=AssessmentResponse.Status.SUBMITTED
        ).filter(in_year("submitted_at", fy))
        for row in responses.select_related("submitted_by").order_by("-submitted_at")[:TIMELINE_PER_SOURCE]:
            events.append(
                {
                    "when": row.submitted_at,
                    "kind": _("Self-assessment"),
                    "text": _("Self-assessment submitted by %(name)s") % {"name": row.submitted_by or "-"},
                    "url": reverse("progress:response", kwargs={"slug": organization.slug, "pk": row.pk}),
                }
            )
    events.sort(key=lambda event: event["when"], reverse=True)
    return events[:TIMELINE_LENGTH]


def timeline_table(events: list[dict]) -> Table:
    table = Table(
        key="timeline",
        caption=_("Timeline of capacity-building activity"),
        columns=[pgettext("date column", "When"), _("Kind"), _("What")],
        empty=_("Nothing recorded in this period yet."),
    )
    for event in events:
        table.rows.append([timezone.localtime(event["when"]).date(), event["kind"], event["text"]])
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


def organization_activity_table(organization: Organization, fy: int | None, member: User | None) -> Table:
    years = trend_years(fy)
    org_q = Q(organization=organization)
    member_q = Q(user=member) if member is not None else Q()
    return activity_trend_table(
        "activity",
        years,
        [
            (_("New members"), new_members_by_year(org_q & member_q, years)),
            (_("Course completions"), completions_by_year(org_q & member_q, years)),
            (_("Seminar attendances"), seminar_attendance_by_year(org_q & member_q, years)),
            (_("Study group places"), study_group_members_by_year(org_q & member_q, years)),
            (_("Consultations held"), consultations_by_year(org_q & (Q(learner=member) if member else Q()), years)),
        ],
    )


MEMBERS_PER_PAGE = 100


def organization_dashboard(
    organization: Organization, fy: int | None, member: User | None, *, members_page: int = 1
) -> dict:
    history = area_score_history(organization)
    trend_table, latest_table = score_tables(history)
    targets = targets_with_progress(organization, history)
    consultations = consultation_tables(organization, fy, member)
    courses = course_tables(organization, fy, member)
    seminars = seminar_tables(organization, fy, member)
    events = timeline(organization, fy, member)
    figures = membership_figures(organization, fy)
    pages = max(1, -(-figures["members"] // MEMBERS_PER_PAGE))
    members_page = min(max(1, members_page), pages)
    tables = {
        "members": members_table(
            organization, fy, member, limit=MEMBERS_PER_PAGE, offset=(members_page - 1) * MEMBERS_PER_PAGE
        ),
        "activity": organization_activity_table(organization, fy, member),
        "scores": trend_table,
        "latest_scores": latest_table,
        "targets": targets_table(targets),
        "courses": courses["courses"],
        "course_areas": courses["areas"],
        "seminars": seminars["seminars"],
        "study_groups": study_group_table(organization, fy, member),
        "consultations": consultations["by_topic"],
        "outcomes": consultations["by_outcome"],
        "placements": placement_table(organization, fy),
        "timeline": timeline_table(events),
    }
    return {
        "figures": figures
        | {
            "active": active_learner_count(organization, fy),
            "open_follow_ups": consultations["open_follow_ups"],
            "courses": courses["totals"],
            "seminars": seminars["totals"],
        },
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
    count has changed (see progress.caching): building them takes some 40 queries for a large organization."""

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


# Each export builds only its own table (every member, not one page of them).
ORGANIZATION_TABLES = {
    "members": lambda o, fy, m: members_table(o, fy, m),
    "activity": organization_activity_table,
    "scores": lambda o, fy, m: _history_tables(o)[0],
    "latest_scores": lambda o, fy, m: _history_tables(o)[1],
    "targets": lambda o, fy, m: targets_table(targets_with_progress(o, area_score_history(o))),
    "courses": lambda o, fy, m: course_tables(o, fy, m)["courses"],
    "course_areas": lambda o, fy, m: course_tables(o, fy, m)["areas"],
    "seminars": lambda o, fy, m: seminar_tables(o, fy, m)["seminars"],
    "study_groups": study_group_table,
    "consultations": lambda o, fy, m: consultation_tables(o, fy, m)["by_topic"],
    "outcomes": lambda o, fy, m: consultation_tables(o, fy, m)["by_outcome"],
    "placements": lambda o, fy, m: placement_table(o, fy),
    "timeline": lambda o, fy, m: timeline_table(timeline(o, fy, m)),
}


def organization_table(key: str, organization: Organization, fy: int | None, member: User | None) -> Table:
    if key not in ORGANIZATION_TABLES:
        raise Http404
    return ORGANIZATION_TABLES[key](organization, fy, member)


# One member, for their manager --------------------------------------------------------------------


def member_overview(organization: Organization, member: User) -> dict:
    """What a manager may see of one member: their activity for this organization, shared outcomes only."""
    return {
        "membership": Membership.objects.get(organization=organization, user=member),
        "study_groups": list(
            GroupMembership.objects.filter(organization=organization, user=member)
            .exclude(status__in=[GroupMembership.Status.DECLINED, GroupMembership.Status.REMOVED])
            .select_related("group")
            .order_by("-group__fiscal_year", "group__title")
        ),
        "consultations": list(advisor_selectors.organization_shared_outcomes(organization).filter(learner=member)[:50]),
        "enrollments": member_enrollments(organization, member),
        "seminars": list(
            course_selectors.seminar_registrations_for_user(member).filter(organization=organization)[:50]
        ),
    }


def member_enrollments(organization: Organization | None, member: User) -> list[Enrollment]:
    """The member's enrollments (for this organization, if given) with lessons done and lessons in the course."""
    enrollments = course_selectors.enrollments_for_user(member).annotate(lessons_done=Count("completions"))
    if organization is not None:
        enrollments = enrollments.filter(organization=organization)
    enrollments = list(enrollments[:100])
    totals = course_selectors.lesson_counts([enrollment.course for enrollment in enrollments])
    for enrollment in enrollments:
        total = totals.get(enrollment.course_id, 0)
        enrollment.lesson_total = total
        done = 100 if enrollment.completed_at else (round(100 * enrollment.lessons_done / total) if total else 0)
        enrollment.percent = min(100, done)
    return enrollments


# The learner's own picture ------------------------------------------------------------------------


def learner_summary(user) -> dict:
    """For the learner themself (the learning page can include it with {% learner_progress %})."""
    if not user.is_authenticated:
        return {}
    by_topic = list(
        Consultation.objects.filter(learner=user, status=Consultation.Status.COMPLETED)
        .values("topic__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "topic__name")
    )
    return {
        "organizations": list(Membership.objects.filter(user=user).select_related("organization")),
        "enrollments": member_enrollments(None, user),
        "seminars_attended": SeminarRegistration.objects.filter(user=user, attended=True).count(),
        "study_groups": list(studygroup_selectors.groups_for_user(user)),
        # The per-topic counts add up to every completed consultation, so no second count is needed.
        "consultations_held": sum(row["n"] for row in by_topic),
        "consultations_by_topic": by_topic,
    }
