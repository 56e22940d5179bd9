"""Consultations: "Add to calendar" for the two parties, on the page, as a download and in the emails."""

import pytest
from django.core import mail

from advisors.factories import ConsultationFactory
from organizations.factories import UserFactory
from tests.oncommit import committed

pytestmark = pytest.mark.django_db


def test_both_parties_get_the_links_and_the_download(client_for, advisor):
    consultation = ConsultationFactory(advisor=advisor)
    for person in (consultation.learner, advisor.user):
        client = client_for(person)
        assert "calendar.google.com" in client.get(consultation.get_absolute_url()).content.decode()
        response = client.get(f"/calendar/event/consultation/{consultation.pk}.ics")
        assert response.status_code == 200
        assert b"BEGIN:VEVENT" in response.content


def test_anyone_else_gets_404(client_for, advisor):
    consultation = ConsultationFactory(advisor=advisor)
    for person in (None, UserFactory()):
        assert client_for(person).get(f"/calendar/event/consultation/{consultation.pk}.ics").status_code == 404


def test_new_consultation_emails_carry_the_links(advisor, slot_after, book):
    mail.outbox.clear()
    consultation = book(advisor, slot_after(advisor).start)
    assert mail.outbox
    for message in mail.outbox:
        assert f"/calendar/event/consultation/{consultation.pk}.ics" in message.body
        assert "outlook.live.com" in message.body


def test_confirmation_emails_html_parts_carry_the_links(advisor, slot_after, book):
    """The request (to both parties) and the advisor's confirmation (to the learner)."""
    from advisors import services
    from advisors.notifications import calendar_event
    from lms.calendar import calendar_links
    from tests.mail_html import assert_calendar_links_in_html

    mail.outbox.clear()
    consultation = book(advisor, slot_after(advisor).start)
    with committed():
        services.consultation_confirm(consultation=consultation, by=advisor.user)
    consultation.refresh_from_db()
    links = calendar_links(calendar_event(consultation), kind="consultation", pk=consultation.pk, absolute=True)
    confirmation = mail.outbox[-1]
    assert confirmation.to == [consultation.learner.email] and "confirmed" in confirmation.alternatives[0][0]
    assert_calendar_links_in_html(confirmation, links)
    for message in mail.outbox[:-1]:  # sent before the confirmation: same links, the event only changed status
        assert f"/calendar/event/consultation/{consultation.pk}.ics" in message.alternatives[0][0]
        assert "calendar.google.com" in message.alternatives[0][0]
