"""With the mail server down, seminar registration answers without error; its email goes out once it is back."""

import pytest
from django.core import mail
from django.urls import reverse

from courses.models import SeminarRegistration
from lms.models import OutboxEmail
from tests.smtp import send_what_waits, smtp_back, smtp_down

pytestmark = pytest.mark.django_db(transaction=True)


def test_registration_with_smtp_down(client_for, session, member, settings):
    smtp_down(settings)
    mail.outbox.clear()
    response = client_for(member).post(reverse("courses:session_register", args=[session.pk]))
    assert response.status_code == 302
    assert SeminarRegistration.objects.get(user=member).status == "confirmed"
    kept = OutboxEmail.objects.get(to=[member.email])
    assert kept.status == "pending" and kept.attempts == 1 and "Connection refused" in kept.last_error
    assert not mail.outbox

    smtp_back(settings)
    send_what_waits()
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].attachments  # the calendar invitation is kept with the message
