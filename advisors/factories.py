"""Factories for tests and demo data."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from organizations.factories import CapacityAreaFactory, MembershipFactory, RegionFactory, UserFactory
from organizations.models import ProgrammeRole

from .models import (
    AdvisorProfile,
    BlockedPeriod,
    Consultation,
    ConsultationRecord,
    DateOverride,
    Feedback,
    FollowUp,
    OutreachRequest,
    WeeklyRule,
)


class AdvisorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisorProfile
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, groups=[ProgrammeRole.ADVISORS])
    slug = factory.Sequence(lambda n: f"advisor-{n}")
    headline = factory.Faker("sentence", nb_words=6)
    bio = factory.Faker("paragraph")
    office = factory.Faker("city")
    region = factory.SubFactory(RegionFactory)
    languages = "Japanese, English"
    time_zone = "Asia/Tokyo"
    holiday_country = ""  # tests about holidays choose a country; the model's default is Japan
    slot_minutes = 60
    buffer_minutes = 0
    min_notice_hours = 0
    consultation_window_days = 28
    max_per_day = 8
    cancellation_deadline_hours = 24
    meeting_link = "https://meet.example.org/advisor"

    @factory.post_generation
    def expertise(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.expertise.set(extracted)


class WeeklyRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklyRule

    advisor = factory.SubFactory(AdvisorProfileFactory)
    weekday = 0
    start_time = time(9, 0)
    end_time = time(12, 0)


class DateOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DateOverride

    advisor = factory.SubFactory(AdvisorProfileFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class BlockedPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlockedPeriod

    advisor = factory.SubFactory(AdvisorProfileFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(days=3))
    reason = "Travel"


def _organization_of(consultation):
    """The given membership's organization, else the learner's, else a new one the learner joins."""
    if consultation.membership is not None:
        return consultation.membership.organization
    membership = consultation.learner.memberships.first() or MembershipFactory(user=consultation.learner)
    return membership.organization


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A consultation written directly (no rules applied): for fixtures and past history."""

    class Meta:
        model = Consultation

    advisor = factory.SubFactory(AdvisorProfileFactory)
    learner = factory.LazyAttribute(lambda o: (o.membership or MembershipFactory()).user)
    organization = factory.LazyAttribute(lambda o: _organization_of(o))
    topic = factory.SubFactory(CapacityAreaFactory)
    mode = "online"
    question = factory.Faker("paragraph")
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0, second=0) + timedelta(days=3))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(minutes=60))
    status = Consultation.Status.CONFIRMED

    class Params:
        # Built only when needed (a SubFactory here would be built even when learner and organization are given).
        membership = None


class ConsultationRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRecord

    consultation = factory.SubFactory(ConsultationFactory, status=Consultation.Status.COMPLETED)
    outcome = ConsultationRecord.Outcome.RESOLVED
    summary = factory.Faker("paragraph")
    private_notes = factory.Faker("sentence")


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    consultation = factory.SubFactory(ConsultationFactory, status=Consultation.Status.COMPLETED)
    rating = 5
    comment = factory.Faker("sentence")


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    consultation = factory.SubFactory(ConsultationFactory, status=Consultation.Status.COMPLETED)
    description = "Send the revised budget to the advisor"
    due_date = factory.LazyAttribute(lambda o: o.consultation.start.date() + timedelta(days=14))


class OutreachRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachRequest

    requester = factory.SubFactory(UserFactory, groups=[ProgrammeRole.PROGRAMME_STAFF])
    requester_kind = OutreachRequest.RequesterKind.SCHOOL
    requester_name = factory.Sequence(lambda n: f"University {n}")
    format = OutreachRequest.Format.LECTURE
    event_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    place = "Main hall"
    audience = "Students"
    theme = "How NGOs are run and funded"
