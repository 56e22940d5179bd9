from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from advisors import availability
from advisors.factories import AdvisorProfileFactory, WeeklyRuleFactory
from organizations.factories import CapacityAreaFactory
from tests.oncommit import CommittingClient, committed


@pytest.fixture
def topic(db):
    return CapacityAreaFactory(name="Financial management", slug="financial-management")


@pytest.fixture
def advisor(topic):
    """Tokyo advisor, 09:00-17:00 every day, hour slots, no buffer or notice: easy to reason about."""
    profile = AdvisorProfileFactory(slug="hanako-advisor", expertise=[topic])
    for weekday in range(7):
        WeeklyRuleFactory(advisor=profile, weekday=weekday, start_time=time(9), end_time=time(17))
    return profile


@pytest.fixture
def slot_after():
    """The first open slot of ``advisor`` at least ``days`` days from now."""

    def find(advisor, days=2, index=0, tokyo_hour=None):
        ctx = availability.load_context(advisor)
        after = timezone.now() + timedelta(days=days)
        slots = [s for s in availability.open_slots(ctx) if s.start >= after]
        if tokyo_hour is not None:  # a day's first slot, so later ones that day exist whatever the time now
            slots = [s for s in slots if s.start.astimezone(ZoneInfo("Asia/Tokyo")).hour == tokyo_hour]
        return slots[index]

    return find


@pytest.fixture
def book(member, organization, topic):
    """Book through the service with sensible defaults."""
    from advisors import services

    def make(advisor, start, learner=None, organization_=None, **extra):
        with committed():
            return services.consultation_create(
                advisor=advisor,
                learner=learner or member,
                organization=organization_ or organization,
                topic=topic,
                mode=extra.pop("mode", "online"),
                question=extra.pop("question", "How do we set up project accounts?"),
                start=start,
                **extra,
            )

    return make


@pytest.fixture
def client_class():
    """Requests here queue mail for after the commit: each request's after-commit work runs as it answers."""
    return CommittingClient


@pytest.fixture
def client(client_class):
    return client_class()
