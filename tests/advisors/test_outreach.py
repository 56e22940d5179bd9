"""Outreach requests through the services: who asks, who assigns, who confirms."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisors import services
from advisors.models import OutreachRequest
from lms.errors import ServiceError

pytestmark = pytest.mark.django_db


def request_from(person, topic) -> OutreachRequest:
    return services.outreach_request_create(
        by=person,
        requester_kind=OutreachRequest.RequesterKind.SCHOOL,
        requester_name="  Sendai High School ",
        format=OutreachRequest.Format.LECTURE,
        event_date=timezone.localdate() + timedelta(days=10),
        place="Gym",
        audience="Students",
        theme="Working for an NGO",
        topic=topic,
    )


def test_the_person_asking_is_the_requester_and_the_request_waits_for_staff(member, topic):
    item = request_from(member, topic)
    item.refresh_from_db()
    assert item.requester == member and item.status == OutreachRequest.Status.REQUESTED
    assert item.requester_name == "Sendai High School" and item.advisor is None


def test_only_staff_assign_and_only_the_assigned_advisor_confirms(member, programme_staff, advisor, topic):
    item = request_from(member, topic)
    with pytest.raises(ServiceError):
        services.outreach_assign(request=item, advisor=advisor, by=member)
    services.outreach_assign(request=item, advisor=advisor, by=programme_staff)
    with pytest.raises(ServiceError):
        services.outreach_confirm(request=item, by=member)
    item = services.outreach_confirm(request=item, by=advisor.user)
    assert item.status == OutreachRequest.Status.CONFIRMED
