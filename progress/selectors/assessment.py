"""Self-assessment scores over time, recommendations for the weakest areas, and targets with their progress."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Avg, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import batch, figures
from lms.fiscal import fiscal_year_label
from lms.measures import Measure, Period, Scope, Table
from organizations.models import CapacityArea, Organization
from organizations.vocabulary import localize_name

from .. import caching
from ..models import Answer, Assessment, AssessmentResponse, Target
from .common import NEW_MEMBERS

# Capacity self-assessment -------------------------------------------------------------------------


def open_assessment() -> Assessment | None:
    """The newest open version managers can start a response to."""
    return _open_assessments().first()


def _open_assessments() -> QuerySet[Assessment]:
    return Assessment.objects.filter(is_open=True).order_by("-created_at", "-version")


def shared_open_assessment() -> Assessment | None:
    """The open assessment as every organization's dashboard shows it: kept with the shared records (an
    assessment's change drops it), so an organization's cold dashboard does not read it again."""
    return shared_open_assessment_later().value()


def shared_open_assessment_later() -> batch.Later[Assessment | None]:
    name = caching.shared_key(("open-assessment",))
    kept = caching.get(name)
    if kept is not None:
        return batch.Later(lambda: kept[0])
    newest = _open_assessments()[:1]
    return batch.Later(lambda: caching.put(name, list(newest) or [None])[0], [newest])


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
    return area_score_history_later(organization).value()


def area_score_history_later(organization: Organization) -> batch.Later[dict]:
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
    return batch.Later(lambda: _history(rows), [rows])


def _history(rows: QuerySet) -> dict:
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


RECOMMENDATION_KEYS = ("courses", "seminars", "study_groups", "advisors", "reports")


def recommendations(area_ids: list[int]) -> dict:
    """Ways to grow in the weakest areas, from every scheme's provider: courses, seminars, study groups,
    advisors and researchers' reports tagged with them."""
    return recommendations_later(area_ids).value()


def recommendations_later(area_ids: list[int]) -> batch.Later[dict]:
    """``recommendations``: the same for every organization whose weakest areas these are, so kept with the
    shared records; when they are not kept yet, every scheme's querysets are read together."""
    found: dict = {key: [] for key in RECOMMENDATION_KEYS}
    if not area_ids:
        return batch.Later(lambda: {"areas": []} | found)
    name = caching.shared_key(("recommendations", tuple(area_ids)))
    kept = caching.get(name)
    if kept is not None:
        return batch.Later(lambda: kept)
    parts = [provider.recommendations_later(area_ids, 5) for provider in figures.providers()]
    parts.append(batch.lists(areas=CapacityArea.objects.filter(pk__in=area_ids)))
    return batch.gather(parts, lambda values: caching.put(name, reduce(or_, values, found)))


# Targets ------------------------------------------------------------------------------------------


# What each kind of target counts: a scheme's measure (by name), and whether people are counted once each.
TARGET_MEASURES = {
    Target.Metric.COURSE_COMPLETIONS: ("completions", True),
    Target.Metric.SEMINAR_ATTENDEES: ("seminar_attendances", True),
    Target.Metric.CONSULTATIONS_HELD: ("consultations", False),
    Target.Metric.STUDY_GROUP_MEMBERS: ("study_group_places", True),
    Target.Metric.PLACEMENTS_COMPLETED: ("placements_completed", False),
}


def _target_condition(measure: Measure, target: Target) -> Q:
    """A course target counts that course; a target with a capacity area counts records tagged with it."""
    if target.metric == Target.Metric.COURSE_COMPLETIONS and target.course_id:
        return Q(**{measure.page: target.course_id})
    if target.metric == Target.Metric.SEMINAR_ATTENDEES and target.capacity_area_id:
        return measure.in_area(target.capacity_area_id)
    return Q()


def organization_targets(organization: Organization, *, include_archived: bool = False) -> list[Target]:
    return list(
        Target.objects.filter(organization=organization)
        .filter(Q() if include_archived else Q(status=Target.Status.ACTIVE))
        .select_related("capacity_area", "course")
        .order_by("status", "due_date", "pk")
    )


def targets_with_progress(
    organization: Organization,
    history: dict,
    *,
    include_archived: bool = False,
    targets: list[Target] | None = None,
) -> list[dict]:
    """Each target with its current value, read through the same measures as the dashboard's figures over the
    target's own dates: one aggregate query per kind of measure, however many targets. ``targets``, when the
    caller has already read them."""
    if targets is None:
        targets = organization_targets(organization, include_archived=include_archived)
    return targets_with_progress_later(organization, history, targets).value()


def targets_with_progress_later(organization: Organization, history: dict, targets: list[Target]) -> batch.Later:
    """``targets_with_progress`` for targets already read, its counts to be read with other querysets."""
    by_metric: dict[str, list[Target]] = defaultdict(list)
    for target in targets:
        by_metric[target.metric].append(target)
    counts: list[batch.Later[dict[str, int]]] = []
    scope = Scope(organizations=organization.pk)
    for metric, (name, distinct_people) in TARGET_MEASURES.items():
        if not by_metric[metric]:
            continue
        measure = figures.measure(name)
        windows = {
            f"t{target.pk}": (Period.days(target.start_date, target.due_date), _target_condition(measure, target))
            for target in by_metric[metric]
        }
        counts.append(figures.in_windows_later(measure, scope, windows, distinct_people=distinct_people))
    if by_metric[Target.Metric.NEW_MEMBERS]:
        windows = {
            f"t{t.pk}": (Period.days(t.start_date, t.due_date), Q()) for t in by_metric[Target.Metric.NEW_MEMBERS]
        }
        counts.append(figures.in_windows_later(NEW_MEMBERS, scope, windows))

    def build(values: list[dict]) -> list[dict]:
        current = {int(key[1:]): value for found in values for key, value in found.items()}
        return _with_progress(targets, by_metric, current, history)

    return batch.gather(counts, build)


def _with_progress(targets: list[Target], by_metric: dict, current: dict[int, float], history: dict) -> list[dict]:
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
