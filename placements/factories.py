"""Factories for tests and demo data."""

from datetime import date

import factory

from organizations.factories import CapacityAreaFactory, OrganizationFactory, UserFactory
from organizations.models import ProgrammeRole

from .models import Milestone, Placement, PlacementTransition, Report, ReportComment, ResearcherProfile


def next_window_start() -> date:
    """1 June of a fiscal year that has not started its window yet, so requests pass the period rule."""
    today = date.today()
    return date(today.year + 1, 6, 1)


class ResearcherProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearcherProfile
        django_get_or_create = ("user",)
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, groups=[ProgrammeRole.RESEARCHERS])
    languages = "Japanese, English"
    biography = factory.Faker("paragraph")
    status = ResearcherProfile.Status.ACCEPTED

    @factory.post_generation
    def specialities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.specialities.set(extracted)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    organization = factory.SubFactory(OrganizationFactory)
    capacity_area = factory.SubFactory(CapacityAreaFactory)
    goals = factory.Faker("paragraph")
    host_provides = factory.Faker("sentence")
    start_date = factory.LazyFunction(next_window_start)
    end_date = factory.LazyAttribute(lambda o: date(o.start_date.year, 12, 31))
    state = Placement.State.REQUESTED


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    placement = factory.SubFactory(PlacementFactory)
    title = factory.Faker("sentence", nb_words=4)
    due_date = factory.LazyAttribute(lambda o: o.placement.start_date)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    placement = factory.SubFactory(PlacementFactory)
    kind = Report.Kind.PROGRESS
    title = factory.Faker("sentence", nb_words=5)
    summary = factory.Faker("sentence")
    body = factory.LazyFunction(lambda: "<p>Progress so far.</p>")
    author = factory.LazyAttribute(lambda o: o.placement.researcher)


class PlacementTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementTransition

    placement = factory.SubFactory(PlacementFactory)
    from_state = ""
    to_state = Placement.State.REQUESTED
    actor = factory.LazyAttribute(lambda o: o.placement.requested_by)


class ReportCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportComment

    report = factory.SubFactory(ReportFactory)
    author = factory.SubFactory(UserFactory)
    body = "Thank you: could the findings name the field teams?"
    internal = False
