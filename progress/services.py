"""Writes for self-assessments and targets. Views, the demo loader and the admin all come through here."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.fiscal import fiscal_year_of
from organizations.models import CapacityArea, Organization

from .models import Answer, Assessment, AssessmentResponse, Indicator, Target


@transaction.atomic
def assessment_response_start(*, organization: Organization, assessment: Assessment, user) -> AssessmentResponse:
    """The organization's open draft, or a new one for the current fiscal year (one draft at a time)."""
    draft = (
        AssessmentResponse.objects.select_for_update()
        .filter(organization=organization, status=AssessmentResponse.Status.DRAFT)
        .first()
    )
    if draft is not None:
        return draft
    if not assessment.is_open:
        raise ServiceError(_("This assessment is not open for responses."))
    try:
        with transaction.atomic():
            response = AssessmentResponse.objects.create(
                organization=organization,
                assessment=assessment,
                fiscal_year=fiscal_year_of(timezone.now()),
                created_by=user,
            )
    except IntegrityError:
        # Another manager started one at the same moment: continue theirs.
        return AssessmentResponse.objects.get(organization=organization, status=AssessmentResponse.Status.DRAFT)
    Answer.objects.bulk_create(
        [Answer(response=response, indicator=indicator) for indicator in assessment.indicators.all()]
    )
    return response


@transaction.atomic
def assessment_response_save(
    *, response: AssessmentResponse, answers: dict[int, tuple[int | None, str]], summary: str = ""
) -> AssessmentResponse:
    """Store scores as they are (incomplete is fine for a draft); ``answers`` maps indicator id to (score, comment)."""
    response = AssessmentResponse.objects.select_for_update().get(pk=response.pk)
    if not response.is_draft:
        raise ServiceError(_("This assessment has been submitted and can no longer be changed."))
    rows = {answer.indicator_id: answer for answer in response.answers.all()}
    changed = []
    for indicator_id, (score, comment) in answers.items():
        answer = rows.get(indicator_id)
        if answer is None:
            raise ServiceError(_("An answer does not belong to this assessment."))
        if score is not None and score not in (1, 2, 3, 4):
            raise ServiceError(_("Scores run from 1 to 4."))
        answer.score, answer.comment = score, comment
        changed.append(answer)
    Answer.objects.bulk_update(changed, ["score", "comment"])
    response.summary = summary
    response.save(update_fields=["summary", "updated_at"])
    return response


@transaction.atomic
def assessment_response_submit(*, response: AssessmentResponse, user) -> AssessmentResponse:
    response = AssessmentResponse.objects.select_for_update().get(pk=response.pk)
    if not response.is_draft:
        raise ServiceError(_("This assessment has already been submitted."))
    missing = response.answers.filter(score__isnull=True).count()
    if missing:
        raise ServiceError(
            _("Score every indicator before submitting (%(count)s still without a score).") % {"count": missing}
        )
    now = timezone.now()
    response.status = AssessmentResponse.Status.SUBMITTED
    response.submitted_by = user
    response.submitted_at = now
    response.fiscal_year = fiscal_year_of(now)
    response.save(update_fields=["status", "submitted_by", "submitted_at", "fiscal_year", "updated_at"])
    return response


@transaction.atomic
def assessment_new_version(*, assessment: Assessment) -> Assessment:
    """Copy an assessment as its next version, so edits never change what earlier responses answered."""
    latest = Assessment.objects.filter(slug=assessment.slug).order_by("-version").first()
    copy = Assessment.objects.create(
        title=assessment.title,
        slug=assessment.slug,
        version=latest.version + 1,
        introduction=assessment.introduction,
        title_ja=assessment.title_ja,
        introduction_ja=assessment.introduction_ja,
        is_open=False,
    )
    Indicator.objects.bulk_create(
        [
            Indicator(
                assessment=copy,
                sort_order=indicator.sort_order,
                capacity_area_id=indicator.capacity_area_id,
                text=indicator.text,
                guidance=indicator.guidance,
                level_1=indicator.level_1,
                level_2=indicator.level_2,
                level_3=indicator.level_3,
                level_4=indicator.level_4,
                **{f"{name}_ja": getattr(indicator, f"{name}_ja") for name in Indicator.TRANSLATED_FIELDS},
            )
            for indicator in assessment.indicators.all()
        ]
    )
    return copy


def _validate_target(*, metric: str, target_value: int, capacity_area, start_date: date, due_date: date) -> None:
    if due_date < start_date:
        raise ServiceError(_("The due date must be on or after the start date."))
    if metric == Target.Metric.ASSESSMENT_SCORE:
        if capacity_area is None:
            raise ServiceError(_("Choose the capacity area whose score the target is about."))
        if not 1 <= target_value <= 4:
            raise ServiceError(_("A score target runs from 1 to 4."))


@transaction.atomic
def target_create(
    *,
    organization: Organization,
    user,
    title: str,
    metric: str,
    target_value: int,
    start_date: date,
    due_date: date,
    capacity_area: CapacityArea | None = None,
) -> Target:
    _validate_target(
        metric=metric, target_value=target_value, capacity_area=capacity_area, start_date=start_date, due_date=due_date
    )
    return Target.objects.create(
        organization=organization,
        created_by=user,
        title=title,
        metric=metric,
        target_value=target_value,
        capacity_area=capacity_area if metric == Target.Metric.ASSESSMENT_SCORE else None,
        start_date=start_date,
        due_date=due_date,
    )


@transaction.atomic
def target_update(*, target: Target, **fields) -> Target:
    for name, value in fields.items():
        setattr(target, name, value)
    _validate_target(
        metric=target.metric,
        target_value=target.target_value,
        capacity_area=target.capacity_area,
        start_date=target.start_date,
        due_date=target.due_date,
    )
    if target.metric != Target.Metric.ASSESSMENT_SCORE:
        target.capacity_area = None
    target.save()
    return target


@transaction.atomic
def target_set_status(*, target: Target, status: str) -> Target:
    """Archive rather than delete, so a target once set stays in the record; restoring is the same call."""
    target.status = status
    target.save(update_fields=["status"])
    return target
