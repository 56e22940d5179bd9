from datetime import date

import pytest

from lms.errors import ServiceError
from progress import services
from progress.models import Answer, AssessmentResponse, Target


def test_start_creates_one_draft_with_an_answer_per_indicator(organization, manager, assessment):
    response = services.assessment_response_start(organization=organization, assessment=assessment, user=manager)
    assert response.is_draft
    assert response.answers.count() == assessment.indicators.count()
    again = services.assessment_response_start(organization=organization, assessment=assessment, user=manager)
    assert again.pk == response.pk


def test_closed_assessment_cannot_be_started(organization, manager, assessment):
    assessment.is_open = False
    assessment.save()
    with pytest.raises(ServiceError):
        services.assessment_response_start(organization=organization, assessment=assessment, user=manager)


def test_save_then_submit(organization, manager, assessment):
    response = services.assessment_response_start(organization=organization, assessment=assessment, user=manager)
    indicators = list(assessment.indicators.all())
    services.assessment_response_save(response=response, answers={indicators[0].pk: (3, "Board minutes")})
    with pytest.raises(ServiceError, match="Score every indicator"):
        services.assessment_response_submit(response=response, user=manager)
    services.assessment_response_save(response=response, answers={i.pk: (2, "") for i in indicators}, summary="Ok")
    submitted = services.assessment_response_submit(response=response, user=manager)
    assert submitted.status == AssessmentResponse.Status.SUBMITTED
    assert submitted.submitted_by == manager
    with pytest.raises(ServiceError):
        services.assessment_response_save(response=submitted, answers={indicators[0].pk: (4, "")})
    assert Answer.objects.get(response=response, indicator=indicators[0]).score == 2
    # A new draft can be started once the previous one is submitted.
    nxt = services.assessment_response_start(organization=organization, assessment=assessment, user=manager)
    assert nxt.pk != response.pk


def test_save_rejects_foreign_indicators_and_bad_scores(organization, manager, assessment, other_organization):
    response = services.assessment_response_start(organization=organization, assessment=assessment, user=manager)
    indicator = assessment.indicators.first()
    with pytest.raises(ServiceError):
        services.assessment_response_save(response=response, answers={indicator.pk: (5, "")})
    with pytest.raises(ServiceError):
        services.assessment_response_save(response=response, answers={999999: (2, "")})


def test_new_version_copies_indicators(assessment):
    copy = services.assessment_new_version(assessment=assessment)
    assert copy.version == 2 and copy.slug == assessment.slug and not copy.is_open
    assert [i.text for i in copy.indicators.all()] == [i.text for i in assessment.indicators.all()]


def test_target_validation(organization, manager, areas):
    kwargs = {"organization": organization, "user": manager, "title": "Score", "start_date": date(2026, 4, 1)}
    with pytest.raises(ServiceError):
        services.target_create(
            **kwargs, metric=Target.Metric.ASSESSMENT_SCORE, target_value=3, due_date=date(2027, 3, 31)
        )
    with pytest.raises(ServiceError):
        services.target_create(
            **kwargs,
            metric=Target.Metric.ASSESSMENT_SCORE,
            target_value=9,
            due_date=date(2027, 3, 31),
            capacity_area=areas[0],
        )
    with pytest.raises(ServiceError):
        services.target_create(**kwargs, metric=Target.Metric.NEW_MEMBERS, target_value=3, due_date=date(2026, 1, 1))
    target = services.target_create(
        **kwargs, metric=Target.Metric.NEW_MEMBERS, target_value=3, due_date=date(2027, 3, 31), capacity_area=areas[0]
    )
    assert target.capacity_area is None
    services.target_set_status(target=target, status=Target.Status.ARCHIVED)
    assert Target.objects.get(pk=target.pk).status == Target.Status.ARCHIVED
