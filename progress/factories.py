"""Factories for tests, the demo and the scale-data command."""

import factory
from django.utils import timezone

from lms.fiscal import fiscal_year_dates, fiscal_year_of
from organizations.factories import CapacityAreaFactory, OrganizationFactory

from .models import Answer, Assessment, AssessmentResponse, Indicator, Target


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment
        django_get_or_create = ("slug", "version")

    title = "NGO capacity self-assessment"
    slug = factory.Sequence(lambda n: f"assessment-{n}")
    version = 1
    is_open = True


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    assessment = factory.SubFactory(AssessmentFactory)
    capacity_area = factory.SubFactory(CapacityAreaFactory)
    text = factory.Faker("sentence", nb_words=8)
    level_1 = "Not in place."
    level_2 = "Emerging."
    level_3 = "Established."
    level_4 = "Exemplary."
    sort_order = factory.Sequence(int)


class AssessmentResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentResponse

    organization = factory.SubFactory(OrganizationFactory)
    assessment = factory.SubFactory(AssessmentFactory)
    fiscal_year = factory.LazyFunction(lambda: fiscal_year_of(timezone.now()))
    status = AssessmentResponse.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


def submitted_response(*, organization, assessment, fiscal_year: int, scores: dict, when=None) -> AssessmentResponse:
    """A submitted response with ``scores`` {indicator: score}; used by tests and the demo."""
    response = AssessmentResponseFactory(
        organization=organization,
        assessment=assessment,
        fiscal_year=fiscal_year,
        submitted_at=when or timezone.now(),
    )
    Answer.objects.bulk_create([Answer(response=response, indicator=i, score=s) for i, s in scores.items()])
    return response


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Target {n}")
    metric = Target.Metric.NEW_MEMBERS
    target_value = 3
    start_date = factory.LazyFunction(lambda: fiscal_year_dates(fiscal_year_of(timezone.now()))[0])
    due_date = factory.LazyFunction(lambda: fiscal_year_dates(fiscal_year_of(timezone.now()))[1])
