"""PostgreSQL: facilitators deciding one application, or changing each other's roles, at the same moment."""

import pytest
from django.core import mail

from studygroups import services
from studygroups.factories import FacilitatorFactory
from studygroups.models import GroupMembership
from tests.concurrency import OK, mails_to, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _send_mail_at_once():
    """Here mail waits for the real commit, as in production."""


def decide(membership, by, approve):
    return lambda: services.membership_decide(
        membership=GroupMembership.objects.get(pk=membership.pk), by=by, approve=approve
    )


def test_one_application_decided_twice_at_once_is_decided_once(group, facilitation, applicant):
    second = FacilitatorFactory(group=group).user
    application = GroupMembership.objects.get(group=group, user=applicant)
    mail.outbox.clear()
    outcomes = race([decide(application, facilitation.user, True), decide(application, second, False)])
    assert outcomes.count(OK) == 1, outcomes
    assert "already decided" in next(o for o in outcomes if o != OK)
    application.refresh_from_db()
    assert application.status == ("active" if outcomes[0] == OK else "declined")
    assert len(mails_to(applicant.email)) == 1


def test_two_facilitators_stepping_down_at_once_leave_one(group, facilitation):
    second = FacilitatorFactory(group=group)

    def step_down(membership, by):
        return lambda: services.membership_set_role(
            membership=GroupMembership.objects.get(pk=membership.pk), by=by, role="member"
        )

    outcomes = race([step_down(facilitation, facilitation.user), step_down(second, second.user)])
    assert outcomes.count(OK) == 1, outcomes
    assert "at least one facilitator" in next(o for o in outcomes if o != OK)
    assert GroupMembership.objects.filter(group=group, role="facilitator", status="active").count() == 1
