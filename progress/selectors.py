"""Reads for the progress dashboards: every figure is aggregated in the database.

The number of queries a dashboard runs depends on the number of sections, never on the number of
members, courses or organizations. The schemes are read through their selectors where one fits;
where none does yet, a section below marked with the scheme's name queries its models read-only.
"""

from collections import defaultdict
from datetime import datetime

from django.db.models import Avg, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from advisors import selectors as advisor_selectors
from advisors.models import AdvisorProfile, Booking, ConsultationRecord, FollowUp
from courses import selectors as course_selectors
from courses.models import CoursePage, Enrollment, SeminarPage, SeminarRegistration, SeminarSession
from organizations.models import CapacityArea, FieldOfActivity, Membership, Organization, Region, User
from organizations.selectors import organization_for_manager
from placements import selectors as placement_selectors
from placements.models import Placement, PlacementReportPage, PlacementTransition
from studygroups import selectors as studygroup_selectors
from studygroups.models import GroupMembership, StudyGroup

from .fiscal import (
    current_fiscal_year,
    fiscal_year_dates,
    fiscal_year_label,
    fiscal_year_range,
    recent_fiscal_years,
)
from .models import Answer, Assessment, AssessmentResponse, Target
from .tables import Table

TREND_YEARS = 4
TIMELINE_PER_SOURCE = 12
TIMELINE_LENGTH = 30


# Access and parameters --------------------------------------------------------------------------


def single_param(params, name: str) -> str | None:
    """The one value of ``name``, None if absent; a repeated parameter is tampering and answers 404."""
    if name not in params:
        return None
    values = params.getlist(name)
    if len(values) != 1:
        raise Http404
    return values[0]


def organization_for_dashboard(user, slug: str, params) -> Organization:
    """The organization if the viewer manages it or is programme staff; an ``organization`` parameter naming
    anything but this organization (another id, 0, empty, a list) is 404 too, so no figure can be redirected."""
    organization = organization_for_manager(user, slug)
    raw = single_param(params, "organization")
    if raw is not None and raw != str(organization.pk):
        raise Http404
    return organization


def fiscal_year_param(params) -> int | None:
    """``fy`` selects a fiscal year; "all" means every year; anything else falls back to the current one."""
    raw = single_param(params, "fy")
    if raw == "all":
        return None
    if raw and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return current_fiscal_year()


def member_param(organization: Organization, params) -> User | None:
    """The member chosen in the filter; someone who is not a member of this organization is 404."""
    raw = single_param(params, "member")
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise Http404
    return member_of(organization, int(raw))


def member_of(organization: Organization, user_id: int) -> User:
    membership = Membership.objects.select_related("user").filter(organization=organization, user_id=user_id).first()
    if membership is None:
        raise Http404
    return membership.user


def fiscal_year_choices() -> list[tuple[int, str]]:
    return [(fy, fiscal_year_label(fy)) for fy in reversed(recent_fiscal_years(TREND_YEARS))]


def _in_year(field: str, fy: int | None) -> Q:
    if fy is None:
        return Q()
    start, end = fiscal_year_range(fy)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _in_year_dates(field: str, fy: int | None) -> Q:
    if fy is None:
        return Q()
    start, end = fiscal_year_dates(fy)
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def _trend_years(fy: int | None) -> list[int]:
    return recent_fiscal_years(TREND_YEARS, until=fy or current_fiscal_year())


def _count_subquery(queryset: QuerySet, field: str, outer: str = "pk"):
    """A correlated COUNT of ``queryset`` rows whose ``field`` equals the outer row's ``outer``, so annotating
    several counts on one row never multiplies joins."""
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef(outer)})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def per_fiscal_year(queryset: QuerySet, field: str, years: list[int], *, dates: bool = False) -> dict[int, int]:
    """Rows per fiscal year in one query, as one filtered COUNT per year: plain range comparisons the database
    can use indexes for, rather than a fiscal-year expression computed on every row."""
    aggregates = {
        f"y{fy}": Count("pk", filter=_in_year_dates(field, fy) if dates else _in_year(field, fy)) for fy in years
    }
    return {int(key[1:]): value for key, value in queryset.order_by().aggregate(**aggregates).items()}


# Membership ---------------------------------------------------------------------------------------


def membership_figures(organization: Organization, fy: int | None) -> dict:
    return Membership.objects.filter(organization=organization).aggregate(
        members=Count("pk"),
        managers=Count("pk", filter=Q(role=Membership.Role.MANAGER)),
        joined=Count("pk", filter=_in_year("joined_at", fy)) if fy else Count("pk"),
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
    bookings = Booking.objects.filter(organization=organization, status=Booking.Status.COMPLETED).filter(
        _in_year("start", fy)
    )
    enrollments = Enrollment.objects.filter(organization=organization).exclude(status=Enrollment.Status.WITHDRAWN)
    completions = enrollments.filter(completed_at__isnull=False).filter(_in_year("completed_at", fy))
    seminars = SeminarRegistration.objects.filter(organization=organization, attended=True).filter(
        _in_year("session__starts_at", fy)
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
        "enrollments": per_user(enrollments.filter(_in_year("enrolled_at", fy))),
        "completions": per_user(completions),
        "seminars": per_user(seminars),
        "study_groups": per_user(groups),
        "consultations": per_user(bookings, "learner"),
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
    bookings = Booking.objects.filter(organization=organization, status=Booking.Status.COMPLETED).filter(
        _in_year("start", fy)
    )
    enrollments = Enrollment.objects.filter(organization=organization).exclude(status=Enrollment.Status.WITHDRAWN)
    if fy is not None:
        start, end = fiscal_year_range(fy)
        enrollments = enrollments.filter(
            Q(enrolled_at__gte=start, enrolled_at__lt=end)
            | Q(last_activity_at__gte=start, last_activity_at__lt=end)
            | Q(completed_at__gte=start, completed_at__lt=end)
        )
    seminars = SeminarRegistration.objects.filter(organization=organization, attended=True).filter(
        _in_year("session__starts_at", fy)
    )
    return (
        Membership.objects.filter(organization=organization)
        .filter(
            Q(user__in=groups.values("user"))
            | Q(user__in=bookings.values("learner"))
            | Q(user__in=enrollments.values("user"))
            | Q(user__in=seminars.values("user"))
        )
        .count()
    )


def new_members_by_year(organization_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(Membership.objects.filter(organization_filter), "joined_at", years)


# Capacity self-assessment -------------------------------------------------------------------------


def open_assessment() -> Assessment | None:
    """The newest open version managers can start a response to."""
    return Assessment.objects.filter(is_open=True).order_by("-created_at", "-version").first()


def responses_for(organization: Organization) -> QuerySet[AssessmentResponse]:
    return (
        AssessmentResponse.objects.filter(organization=organization)
        .select_related("assessment", "submitted_by", "created_by")
        .annotate(
            average=Avg("answers__score"),
        )
        .order_by("-fiscal_year", "-submitted_at", "-pk")
    )


def response_for(organization: Organization, pk: int) -> AssessmentResponse:
    response = (
        AssessmentResponse.objects.select_related("assessment", "organization", "submitted_by")
        .filter(organization=organization, pk=pk)
        .first()
    )
    if response is None:
        raise Http404
    return response


def response_answers(response: AssessmentResponse) -> QuerySet[Answer]:
    return (
        Answer.objects.filter(response=response)
        .select_related("indicator", "indicator__capacity_area")
        .order_by("indicator__capacity_area__sort_order", "indicator__sort_order", "pk")
    )


def area_score_history(organization: Organization) -> dict:
    """Average score per capacity area for each fiscal year, from the latest submitted response of that year.

    One query returns responses × areas rows (a handful per organization); picking the latest per year
    happens on those aggregated rows.
    """
    rows = (
        Answer.objects.filter(
            response__organization=organization,
            response__status=AssessmentResponse.Status.SUBMITTED,
            score__isnull=False,
        )
        .values(
            "response_id",
            "response__fiscal_year",
            "response__submitted_at",
            "indicator__capacity_area_id",
            "indicator__capacity_area__name",
            "indicator__capacity_area__sort_order",
        )
        .annotate(score=Avg("score"))
        .order_by("response__fiscal_year", "response__submitted_at", "indicator__capacity_area__sort_order")
    )
    latest_response: dict[int, int] = {}
    for row in rows:
        latest_response[row["response__fiscal_year"]] = row["response_id"]
    wanted = set(latest_response.values())
    areas: dict[int, tuple[int, str]] = {}
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    for row in rows:
        if row["response_id"] in wanted:
            area_id = row["indicator__capacity_area_id"]
            areas[area_id] = (row["indicator__capacity_area__sort_order"], row["indicator__capacity_area__name"])
            scores[row["response__fiscal_year"]][area_id] = round(float(row["score"]), 2)
    ordered_areas = sorted(areas.items(), key=lambda item: item[1])
    years = sorted(scores)
    return {"areas": ordered_areas, "years": years, "scores": scores}


def score_tables(history: dict) -> tuple[Table, Table]:
    """(trend: rows are fiscal years, one column per area; latest: one row per area)."""
    areas, years, scores = history["areas"], history["years"], history["scores"]
    trend = Table(
        key="scores",
        caption=_("Self-assessment scores per capacity area by fiscal year (1 to 4)"),
        columns=[_("Fiscal year")] + [name for _id, (_order, name) in areas],
        empty=_("No assessment submitted yet."),
    )
    for fy in years:
        trend.rows.append([fiscal_year_label(fy)] + [scores[fy].get(area_id) for area_id, _info in areas])
    latest = Table(
        key="latest_scores",
        caption=_("Latest self-assessment score per capacity area"),
        columns=[_("Capacity area"), _("Score"), _("Change since the previous year")],
        empty=_("No assessment submitted yet."),
    )
    if years:
        last = scores[years[-1]]
        previous = scores[years[-2]] if len(years) > 1 else {}
        for area_id, (_order, name) in areas:
            if area_id in last:
                change = round(last[area_id] - previous[area_id], 2) if area_id in previous else None
                latest.rows.append([name, last[area_id], change])
    return trend, latest


def weakest_area_ids(history: dict, count: int = 3) -> list[int]:
    years = history["years"]
    if not years:
        return []
    last = history["scores"][years[-1]]
    # An area already at the top of the scale needs no recommendation.
    weakest = sorted((score, area_id) for area_id, score in last.items() if score < 4)
    return [area_id for _score, area_id in weakest[:count]]


def recommendations(area_ids: list[int]) -> dict:
    """Ways to grow in the weakest areas: study groups, advisors and researchers' reports tagged with them."""
    if not area_ids:
        return {"areas": [], "courses": [], "seminars": [], "study_groups": [], "advisors": [], "reports": []}
    # Pages in the viewer's language (Wagtail keeps aliases per locale); sessions hang on the original page.
    locale = Locale.get_active()
    upcoming = SeminarSession.objects.filter(
        Q(seminar=OuterRef("pk")) | Q(seminar=OuterRef("alias_of")), starts_at__gte=timezone.now(), is_cancelled=False
    ).order_by("starts_at")
    return {
        "areas": list(CapacityArea.objects.filter(pk__in=area_ids)),
        "courses": list(
            CoursePage.objects.live()
            .public()
            .filter(locale=locale, capacity_areas__in=area_ids)
            .distinct()
            .order_by("title")[:5]
        ),
        "seminars": list(
            SeminarPage.objects.live()
            .public()
            .filter(locale=locale, capacity_areas__in=area_ids)
            .annotate(next_session=Subquery(upcoming.values("starts_at")[:1]))
            .filter(next_session__isnull=False)
            .distinct()
            .order_by("next_session")[:5]
        ),
        "study_groups": list(
            StudyGroup.objects.filter(
                capacity_areas__in=area_ids, status__in=[StudyGroup.Status.RECRUITING, StudyGroup.Status.ACTIVE]
            )
            .distinct()
            .order_by("-fiscal_year", "title")[:5]
        ),
        "advisors": list(
            AdvisorProfile.objects.listed()
            .filter(expertise__in=area_ids, accepting_bookings=True)
            .select_related("user", "region")
            .distinct()
            .order_by("slug")[:5]
        ),
        "reports": list(
            PlacementReportPage.objects.live()
            .public()
            .filter(capacity_area__in=area_ids)
            .select_related("organization")
            .order_by("-first_published_at")[:3]
        ),
    }


# Targets ------------------------------------------------------------------------------------------


def _window(target: Target) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(target.start_date, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(target.due_date, datetime.max.time()))
    return start, end


def targets_with_progress(organization: Organization, history: dict, *, include_archived: bool = False) -> list[dict]:
    """Each target with its current value: one aggregate query per kind of measure, however many targets."""
    targets = list(
        Target.objects.filter(organization=organization)
        .filter(Q() if include_archived else Q(status=Target.Status.ACTIVE))
        .select_related("capacity_area", "course")
        .order_by("status", "due_date", "pk")
    )
    by_metric: dict[str, list[Target]] = defaultdict(list)
    for target in targets:
        by_metric[target.metric].append(target)
    current: dict[int, float] = {}

    def counted(metric: str, queryset, date_field: str, distinct_field: str = "pk", extra=lambda target: Q()):
        if not by_metric[metric]:
            return
        aggregates = {}
        for target in by_metric[metric]:
            if date_field.endswith("_date"):
                window = Q(**{f"{date_field}__gte": target.start_date, f"{date_field}__lte": target.due_date})
            else:
                start, end = _window(target)
                window = Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
            aggregates[f"t{target.pk}"] = Count(distinct_field, distinct=True, filter=window & extra(target))
        for key, value in queryset.aggregate(**aggregates).items():
            current[int(key[1:])] = value

    counted(
        Target.Metric.COURSE_COMPLETIONS,
        Enrollment.objects.filter(organization=organization),
        "completed_at",
        "user",
        lambda target: Q(course_id=target.course_id) if target.course_id else Q(),
    )
    counted(
        Target.Metric.SEMINAR_ATTENDEES,
        SeminarRegistration.objects.filter(organization=organization, attended=True),
        "session__starts_at",
        "user",
        lambda target: Q(session__seminar__capacity_areas=target.capacity_area_id) if target.capacity_area_id else Q(),
    )
    counted(
        Target.Metric.CONSULTATIONS_HELD,
        Booking.objects.filter(organization=organization, status=Booking.Status.COMPLETED),
        "start",
    )
    counted(
        Target.Metric.STUDY_GROUP_MEMBERS,
        GroupMembership.objects.filter(organization=organization, status=GroupMembership.Status.ACTIVE),
        "created_at",
        "user",
    )
    counted(Target.Metric.NEW_MEMBERS, Membership.objects.filter(organization=organization), "joined_at")
    counted(
        Target.Metric.PLACEMENTS_COMPLETED,
        Placement.objects.filter(organization=organization, state=Placement.State.COMPLETED),
        "end_date",
    )
    latest_year = history["years"][-1] if history["years"] else None
    for target in by_metric[Target.Metric.ASSESSMENT_SCORE]:
        current[target.pk] = history["scores"][latest_year].get(target.capacity_area_id, 0) if latest_year else 0
    today = timezone.localdate()
    result = []
    for target in targets:
        value = current.get(target.pk, 0)
        percent = min(100, round(100 * value / target.target_value)) if target.target_value else 0
        achieved = value >= target.target_value
        if achieved:
            state, badge = _("Achieved"), "ok"
        elif target.due_date < today:
            state, badge = _("Missed"), "bad"
        else:
            state, badge = _("In progress"), "warn"
        result.append(
            {"target": target, "value": value, "percent": percent, "achieved": achieved, "state": state, "badge": badge}
        )
    return result


def targets_table(targets: list[dict]) -> Table:
    table = Table(
        key="targets",
        caption=_("Targets"),
        columns=[_("Target"), _("Measured by"), _("Due by"), _("Target value"), _("Current value"), _("Status")],
        empty=_("No targets set yet."),
    )
    for item in targets:
        target = item["target"]
        table.rows.append(
            [
                target.title,
                target.get_metric_display(),
                target.due_date,
                target.target_value,
                item["value"],
                item["state"],
            ]
        )
    return table


def target_for(organization: Organization, pk: int) -> Target:
    target = Target.objects.filter(organization=organization, pk=pk).first()
    if target is None:
        raise Http404
    return target


# Courses and seminars (courses app) ---------------------------------------------------------------


def _period_bounds(fy: int | None) -> dict:
    if fy is None:
        return {"start": None, "end": None}
    start, end = fiscal_year_range(fy)
    return {"start": start, "end": end}


def _course_url_paths(course_ids) -> dict[int, str]:
    """url_path per course id in exactly one query: the id 0 never matches but keeps the query from being skipped
    when there are no ids, so the page's query count does not depend on the data."""
    return dict(CoursePage.objects.filter(pk__in=[0, *course_ids]).values_list("pk", "url_path"))


def _page_url(url_path: str | None) -> str | None:
    """A page's public URL from its url_path, read in the same query as the figures (no query per page)."""
    return Page(url_path=url_path).url if url_path else None


def course_tables(organization: Organization, fy: int | None, member: User | None) -> dict:
    """Enrollments and completions per course and per capacity area. The courses app's selectors do this per
    organization; with a member filter the same aggregation runs on that member's enrollments here."""
    period = _period_bounds(fy)
    if member is None:
        totals = course_selectors.course_totals_for_organization(organization, **period)
        by_course = course_selectors.completions_by_course(organization=organization, **period)
        by_area = course_selectors.completions_by_capacity_area(organization=organization, **period)
    else:
        enrollments = Enrollment.objects.filter(organization=organization, user=member).exclude(
            status=Enrollment.Status.WITHDRAWN
        )
        enrolled = enrollments.filter(_in_year("enrolled_at", fy))
        completed = enrollments.filter(completed_at__isnull=False).filter(_in_year("completed_at", fy))
        totals = {
            "enrollments": enrolled.count(),
            "learners": 1 if enrolled.exists() else 0,
            "completions": completed.count(),
            "certificates": completed.filter(certificate__isnull=False, certificate__revoked_at__isnull=True).count(),
        }
        by_course = [
            {"course_id": r["course_id"], "title": r["course__title"], **r}
            for r in enrolled.values("course_id", "course__title")
            .annotate(enrollments=Count("pk"), completions=Count("pk", filter=Q(completed_at__isnull=False)))
            .order_by("course__title")
        ]
        by_area = [
            {"name": r["course__capacity_areas__name"], "completions": r["completions"]}
            for r in completed.filter(course__capacity_areas__isnull=False)
            .values("course__capacity_areas__name")
            .annotate(completions=Count("pk"))
            .order_by("-completions", "course__capacity_areas__name")
        ]
    urls = _course_url_paths(row["course_id"] for row in by_course)
    courses = Table(
        key="courses",
        caption=_("Enrollments and completions per course"),
        columns=[_("Course"), _("Enrollments"), _("Completions"), _("Completion rate (%)")],
        empty=_("No course enrollments in this period."),
    )
    for row in by_course:
        rate = round(100 * row["completions"] / row["enrollments"]) if row["enrollments"] else 0
        courses.rows.append([row["title"], row["enrollments"], row["completions"], rate])
        courses.links.append(_page_url(urls.get(row["course_id"])))
    areas = Table(
        key="course_areas",
        caption=_("Course completions per capacity area"),
        columns=[_("Capacity area"), _("Completions")],
        rows=[[row["name"], row["completions"]] for row in by_area],
        empty=_("No course completed in this period."),
    )
    return {"totals": totals, "courses": courses, "areas": areas}


def seminar_tables(organization: Organization, fy: int | None, member: User | None) -> dict:
    registrations = SeminarRegistration.objects.filter(organization=organization).filter(
        _in_year("session__starts_at", fy)
    )
    if member is not None:
        registrations = registrations.filter(user=member)
    if member is None:
        totals = course_selectors.seminar_totals_for_organization(organization, **_period_bounds(fy))
    else:
        # The same figures for one member (the courses selector counts a whole organization).
        row = registrations.aggregate(
            n_registrations=Count("pk", filter=~Q(status=SeminarRegistration.Status.CANCELLED)),
            n_confirmed=Count("pk", filter=Q(status=SeminarRegistration.Status.CONFIRMED)),
            n_waitlisted=Count("pk", filter=Q(status=SeminarRegistration.Status.WAITLISTED)),
            n_attended=Count("pk", filter=Q(attended=True)),
            n_attendees=Count("user", filter=Q(attended=True), distinct=True),
        )
        totals = {key.removeprefix("n_"): value for key, value in row.items()}
    rows = (
        registrations.exclude(status=SeminarRegistration.Status.CANCELLED)
        .values("session__seminar__url_path", "session__seminar__title", "session__starts_at")
        .annotate(
            registered=Count("pk"),
            confirmed=Count("pk", filter=Q(status=SeminarRegistration.Status.CONFIRMED)),
            present=Count("pk", filter=Q(attended=True)),
        )
        .order_by("-session__starts_at")
    )
    table = Table(
        key="seminars",
        caption=_("Seminar registrations and attendance"),
        columns=[_("Seminar"), _("Session"), _("Registered"), _("Confirmed"), _("Attended")],
        empty=_("No seminar registrations in this period."),
    )
    for row in rows:
        table.rows.append(
            [
                row["session__seminar__title"],
                timezone.localtime(row["session__starts_at"]).date(),
                row["registered"],
                row["confirmed"],
                row["present"],
            ]
        )
        table.links.append(_page_url(row["session__seminar__url_path"]))
    return {"totals": totals, "seminars": table}


def completions_by_year(enrollment_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(Enrollment.objects.filter(enrollment_filter), "completed_at", years)


def seminar_attendance_by_year(registration_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(
        SeminarRegistration.objects.filter(registration_filter, attended=True), "session__starts_at", years
    )


# Study groups (studygroups app) -------------------------------------------------------------------


def study_group_table(organization: Organization, fy: int | None, member: User | None) -> Table:
    memberships = GroupMembership.objects.filter(organization=organization, status=GroupMembership.Status.ACTIVE)
    if fy is not None:
        memberships = memberships.filter(group__fiscal_year=fy)
    if member is not None:
        memberships = memberships.filter(user=member)
    rows = (
        memberships.values("group__slug", "group__title", "group__fiscal_year", "group__status")
        .annotate(members=Count("user", distinct=True))
        .order_by("-group__fiscal_year", "group__title")
    )
    statuses = dict(StudyGroup.Status.choices)
    table = Table(
        key="study_groups",
        caption=_("Study group participation"),
        columns=[_("Study group"), _("Fiscal year"), _("Status"), _("Staff taking part")],
        empty=_("No one from the organization is in a study group in this period."),
    )
    for row in rows:
        table.rows.append(
            [
                row["group__title"],
                fiscal_year_label(row["group__fiscal_year"]),
                statuses.get(row["group__status"], row["group__status"]),
                row["members"],
            ]
        )
        table.links.append(reverse("studygroups:detail", kwargs={"slug": row["group__slug"]}))
    return table


def study_group_members_by_year(organization_filter: Q, years: list[int]) -> dict[int, int]:
    rows = (
        GroupMembership.objects.filter(organization_filter, status=GroupMembership.Status.ACTIVE)
        .filter(group__fiscal_year__in=years)
        .values("group__fiscal_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["group__fiscal_year"]: row["n"] for row in rows}


# Consultations (advisors app) ---------------------------------------------------------------------


def consultation_tables(organization: Organization, fy: int | None, member: User | None) -> dict:
    """By topic, by outcome and open follow-ups, like advisors.selectors.organization_consultation_stats,
    but for one fiscal year and optionally one member (that selector has neither filter)."""
    bookings = (
        Booking.objects.filter(organization=organization)
        .exclude(status__in=Booking.INACTIVE)
        .filter(_in_year("start", fy))
    )
    if member is not None:
        bookings = bookings.filter(learner=member)
    by_topic = Table(
        key="consultations",
        caption=_("Consultations by topic"),
        columns=[_("Topic"), _("Booked"), _("Held")],
        empty=_("No consultations in this period."),
    )
    for row in (
        bookings.order_by()
        .values("topic__name")
        .annotate(total=Count("pk"), held=Count("pk", filter=Q(status=Booking.Status.COMPLETED)))
        .order_by("-total", "topic__name")
    ):
        by_topic.rows.append([row["topic__name"], row["total"], row["held"]])
    outcome_counts = {
        row["outcome"]: row["n"]
        for row in ConsultationRecord.objects.filter(booking__in=bookings.values("pk"))
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    }
    by_outcome = Table(
        key="outcomes",
        caption=_("Consultation outcomes"),
        columns=[_("Outcome"), _("Consultations")],
        rows=[[label, outcome_counts.get(value, 0)] for value, label in ConsultationRecord.Outcome.choices],
    )
    open_follow_ups = FollowUp.objects.filter(booking__in=bookings.values("pk"), done=False).count()
    return {"by_topic": by_topic, "by_outcome": by_outcome, "open_follow_ups": open_follow_ups}


def consultations_by_year(booking_filter: Q, years: list[int]) -> dict[int, int]:
    return per_fiscal_year(Booking.objects.filter(booking_filter, status=Booking.Status.COMPLETED), "start", years)


# Researcher placements (placements app) -----------------------------------------------------------


def placement_table(organization: Organization, fy: int | None) -> Table:
    placements = placement_selectors.placements_for_organization(organization)
    if fy is not None:
        start, end = fiscal_year_dates(fy)
        placements = placements.filter(start_date__lte=end, end_date__gte=start)
    table = Table(
        key="placements",
        caption=_("Researcher placements"),
        columns=[_("Field"), _("Researcher"), _("Start"), _("End"), _("State"), _("Reports shared")],
        empty=_("No researcher placement in this period."),
    )
    for placement in placements:
        table.rows.append(
            [
                str(placement.capacity_area),
                str(placement.researcher or _("Not matched yet")),
                placement.start_date,
                placement.end_date,
                placement.get_state_display(),
                len(placement.shared_reports),
            ]
        )
        table.links.append(placement.get_absolute_url())
    return table


# Timeline -----------------------------------------------------------------------------------------


def timeline(organization: Organization, fy: int | None, member: User | None) -> list[dict]:
    """The latest capacity-building events of every kind, merged; each source is capped, so the cost is fixed."""
    events: list[dict] = []
    joined = Membership.objects.filter(organization=organization).filter(_in_year("joined_at", fy))
    groups = GroupMembership.objects.filter(organization=organization, status=GroupMembership.Status.ACTIVE).filter(
        _in_year("created_at", fy)
    )
    bookings = Booking.objects.filter(organization=organization, status=Booking.Status.COMPLETED).filter(
        _in_year("start", fy)
    )
    completions = Enrollment.objects.filter(organization=organization, completed_at__isnull=False).filter(
        _in_year("completed_at", fy)
    )
    seminars = SeminarRegistration.objects.filter(organization=organization, attended=True).filter(
        _in_year("session__starts_at", fy)
    )
    if member is not None:
        joined, groups, bookings = (
            joined.filter(user=member),
            groups.filter(user=member),
            bookings.filter(learner=member),
        )
        completions, seminars = completions.filter(user=member), seminars.filter(user=member)
    for row in completions.select_related("user", "course").order_by("-completed_at")[:TIMELINE_PER_SOURCE]:
        events.append(
            {
                "when": row.completed_at,
                "kind": _("Course"),
                "text": _("%(name)s completed %(course)s") % {"name": row.user, "course": row.course.title},
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
                "text": _("%(name)s attended %(seminar)s") % {"name": row.user, "seminar": row.session.display_title},
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
    for row in bookings.select_related("learner", "topic").order_by("-start")[:TIMELINE_PER_SOURCE]:
        events.append(
            {
                "when": row.start,
                "kind": _("Consultation"),
                "text": _("%(name)s consulted an advisor on %(topic)s") % {"name": row.learner, "topic": row.topic},
            }
        )
    if member is None:
        transitions = PlacementTransition.objects.filter(placement__organization=organization).filter(
            _in_year("created_at", fy)
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
        ).filter(_in_year("submitted_at", fy))
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
        columns=[_("When"), _("Kind"), _("What")],
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
    years = _trend_years(fy)
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
    return {
        "organizations": list(Membership.objects.filter(user=user).select_related("organization")),
        "enrollments": member_enrollments(None, user),
        "seminars_attended": SeminarRegistration.objects.filter(user=user, attended=True).count(),
        "study_groups": list(studygroup_selectors.groups_for_user(user)),
        "consultations_held": advisor_selectors.learner_consultation_count(user),
        "consultations_by_topic": list(
            Booking.objects.filter(learner=user, status=Booking.Status.COMPLETED)
            .values("topic__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "topic__name")
        ),
    }


# The programme dashboard --------------------------------------------------------------------------


def programme_totals(fy: int | None) -> dict:
    totals = Organization.objects.aggregate(organizations=Count("pk"))
    totals |= Membership.objects.aggregate(
        learners=Count("user", distinct=True),
        joined=Count("pk", filter=_in_year("joined_at", fy)) if fy else Count("pk"),
    )
    totals |= Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN).aggregate(
        enrollments=Count("pk", filter=_in_year("enrolled_at", fy)),
        completions=Count("pk", filter=Q(completed_at__isnull=False) & _in_year("completed_at", fy)),
    )
    totals |= SeminarRegistration.objects.filter(_in_year("session__starts_at", fy)).aggregate(
        seminar_attendances=Count("pk", filter=Q(attended=True)),
    )
    totals |= Booking.objects.filter(_in_year("start", fy)).aggregate(
        consultations=Count("pk", filter=Q(status=Booking.Status.COMPLETED))
    )
    totals |= GroupMembership.objects.filter(status=GroupMembership.Status.ACTIVE).aggregate(
        study_group_places=Count("pk", filter=Q(group__fiscal_year=fy) if fy else Q())
    )
    totals |= Placement.objects.aggregate(
        placements=Count("pk", filter=_in_year_dates("start_date", fy)),
    )
    totals |= AssessmentResponse.objects.filter(status=AssessmentResponse.Status.SUBMITTED).aggregate(
        assessments=Count("pk", filter=Q(fiscal_year=fy) if fy else Q())
    )
    return totals


def programme_trend(fy: int | None) -> Table:
    years = _trend_years(fy)
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
        row["pk"]: row for row in Region.objects.annotate(n=Count("organizations")).values("pk", "name", "slug", "n")
    }
    members = {
        row["organization__region"]: row["n"]
        for row in Membership.objects.values("organization__region").annotate(n=Count("user", distinct=True)).order_by()
    }
    consultations = {
        row["organization__region"]: row["n"]
        for row in Booking.objects.filter(status=Booking.Status.COMPLETED)
        .filter(_in_year("start", fy))
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
        table.rows.append([row["name"], row["n"], members.get(pk, 0), consultations.get(pk, 0)])
        table.links.append(reverse("progress:programme_organizations") + f"?region={row['slug']}")
    return table


def by_field_table() -> Table:
    rows = (
        FieldOfActivity.objects.annotate(
            n=Count("organizations", distinct=True), learners=Count("organizations__memberships", distinct=True)
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
        table.rows.append([row["name"], row["n"], row["learners"]])
        table.links.append(reverse("progress:programme_organizations") + f"?field={row['slug']}")
    return table


def consultations_tables(fy: int | None) -> dict:
    """Per advisor, topic and region, from advisors.selectors.programme_overview, restricted to the year."""
    bookings = advisor_selectors.programme_bookings().filter(_in_year("start", fy))
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
    rows = course_selectors.completions_by_course(**_period_bounds(fy))
    urls = _course_url_paths(row["course_id"] for row in rows)
    table = Table(
        key="course_rates",
        caption=_("Completion rate per course"),
        columns=[_("Course"), _("Enrollments"), _("Completions"), _("Completion rate (%)")],
        empty=_("No enrollments in this period."),
    )
    for row in rows:
        rate = round(100 * row["completions"] / row["enrollments"]) if row["enrollments"] else 0
        table.rows.append([row["title"], row["enrollments"], row["completions"], rate])
        table.links.append(_page_url(urls.get(row["course_id"])))
    return table


def seminar_rates_table(fy: int | None) -> Table:
    """Fill rate (confirmed seats / seats) and attendance rate (attended / confirmed) per session."""
    sessions = (
        course_selectors.sessions_with_counts()
        .filter(_in_year("starts_at", fy))
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
        table.links.append(_page_url(row["seminar__url_path"]))
    return table


def placements_by_state_table(fy: int | None) -> Table:
    counts = {
        row["state"]: row["n"]
        for row in Placement.objects.filter(_in_year_dates("start_date", fy))
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    }
    table = Table(
        key="placement_states", caption=_("Researcher placements by state"), columns=[_("State"), _("Placements")]
    )
    for value, label in Placement.State.choices:
        table.rows.append([label, counts.get(value, 0)])
        table.links.append(reverse("placements:list") + f"?state={value}" + (f"&year={fy}" if fy else ""))
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
    columns = [_("Organization"), _("Previous assessment"), _("Latest assessment"), _("Change")]
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
    bookings = Booking.objects.filter(status=Booking.Status.COMPLETED).filter(_in_year("start", fy))
    placements = Placement.objects.filter(_in_year_dates("start_date", fy))
    completions = Enrollment.objects.filter(completed_at__isnull=False).filter(_in_year("completed_at", fy))
    attendances = SeminarRegistration.objects.filter(attended=True).filter(_in_year("session__starts_at", fy))
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
        member_count=_count_subquery(memberships, "organization"),
        course_completions=_count_subquery(completions, "organization"),
        seminar_attendances=_count_subquery(attendances, "organization"),
        study_group_places=_count_subquery(groups, "organization"),
        consultations_held=_count_subquery(bookings, "organization"),
        placement_count=_count_subquery(placements, "organization"),
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
