"""Self-assessment scores over time, recommendations for the weakest areas, and targets with their progress."""

from collections import defaultdict
from datetime import datetime

from django.db.models import Avg, Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from advisors.models import AdvisorProfile, Consultation
from courses.models import CoursePage, Enrollment, SeminarPage, SeminarRegistration, SeminarSession
from lms.figures import Table
from lms.fiscal import (
    fiscal_year_label,
)
from lms.translations import canonical_q
from organizations.models import CapacityArea, Membership, Organization
from organizations.vocabulary import localize_name
from placements.models import Placement, PlacementReportPage
from studygroups.models import GroupMembership, StudyGroup

from ..models import Answer, Assessment, AssessmentResponse, Target

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
            areas[area_id] = (
                row["indicator__capacity_area__sort_order"],
                localize_name(CapacityArea, row["indicator__capacity_area__name"]),
            )
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
    # Pages in the viewer's language (translations or aliases); sessions hang on the canonical page.
    locale = Locale.get_active()
    upcoming = SeminarSession.objects.filter(
        canonical_q("seminar"),
        seminar__translation_key=OuterRef("translation_key"),
        starts_at__gte=timezone.now(),
        is_cancelled=False,
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
            .filter(expertise__in=area_ids, accepting_consultations=True)
            .select_related("user", "region")
            .distinct()
            .order_by("slug")[:5]
        ),
        "reports": list(
            PlacementReportPage.objects.live()
            .public()
            .filter(canonical_q(), capacity_area__in=area_ids)
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
        Consultation.objects.filter(organization=organization, status=Consultation.Status.COMPLETED),
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
