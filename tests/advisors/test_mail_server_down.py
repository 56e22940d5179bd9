"""With the mail server down, consultation answers without error and its emails go out once it is back."""

import pytest
from django.core import mail
from django.urls import reverse

from advisors.models import Consultation
from lms.models import OutboxEmail
from tests.smtp import send_what_waits, smtp_back, smtp_down

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _run_on_commit_at_once():
    """Mail waits for the real commit here."""


def test_consultation_with_smtp_down(client_for, advisor, member, organization, topic, slot_after, settings):
    smtp_down(settings)
    mail.outbox.clear()
    slot = slot_after(advisor)
    response = client_for(member).post(
        reverse("advisors:book", args=[advisor.slug]),
        {"start": slot.key, "organization": organization.pk, "topic": topic.pk, "mode": "online", "question": "Q?"},
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == consultation.get_absolute_url()
    waiting = OutboxEmail.objects.filter(status="pending")
    assert {tuple(e.to) for e in waiting} == {(member.email,), (advisor.user.email,)}
    assert not mail.outbox

    smtp_back(settings)
    send_what_waits()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, advisor.user.email])
    assert not OutboxEmail.objects.exclude(status="sent").exists()
