"""The consultation form offers the likely choices; the advisor answers a request one action at a time."""

import pytest

from advisors.factories import ConsultationFactory
from advisors.forms import ConsultationForm
from advisors.models import Consultation
from organizations.factories import CapacityAreaFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_only_organization_is_preselected(advisor, member, organization):
    form = ConsultationForm(advisor=advisor, user=member)
    assert form["organization"].value() == organization.pk


def test_with_two_organizations_nothing_is_preselected(advisor, member, other_organization):
    MembershipFactory(user=member, organization=other_organization)
    form = ConsultationForm(advisor=advisor, user=member)
    assert form["organization"].value() is None
    assert form.fields["organization"].queryset.count() == 2


def test_only_the_advisors_topics_are_offered(advisor, member, topic):
    other = CapacityAreaFactory(name="Disaster relief", slug="disaster-relief")
    form = ConsultationForm(advisor=advisor, user=member)
    assert list(form.fields["topic"].queryset) == [topic]
    bound = ConsultationForm({"topic": other.pk}, advisor=advisor, user=member)
    bound.is_valid()
    assert "topic" in bound.errors


def test_the_pending_request_shows_confirm_first_and_decline_apart(client_for, advisor):
    consultation = ConsultationFactory(advisor=advisor, status=Consultation.Status.PENDING)
    body = client_for(advisor.user).get(consultation.get_absolute_url()).content.decode()
    confirm, decline = body.index(">Confirm</button>"), body.index("Decline this request instead")
    assert confirm < decline
    assert "<summary>Decline this request instead</summary>" in body
    assert "Cancel the consultation" not in body  # one decision at a time: confirm, or decline with a reason


def test_a_confirmed_consultation_offers_cancel_with_a_reason_behind_its_own_summary(client_for, advisor):
    consultation = ConsultationFactory(advisor=advisor, status=Consultation.Status.CONFIRMED)
    body = client_for(advisor.user).get(consultation.get_absolute_url()).content.decode()
    assert "<summary>Cancel the consultation</summary>" in body
    assert ">Confirm</button>" not in body
