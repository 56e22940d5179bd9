import re

import pytest
from django.core import mail

from lms.email import EmailKind, send_templated_email
from organizations.factories import UserFactory
from privacy import tokens
from privacy.models import EmailPreferences

pytestmark = pytest.mark.django_db


def _send(to, kind, capture):
    with capture(execute=True):
        send_templated_email(
            to=to,
            template="privacy/erasure_cancelled",
            context={"url": "https://example.org/"},
            kind=kind,
        )


def test_optional_mail_carries_one_click_unsubscribe_headers(user, django_capture_on_commit_callbacks):
    _send(user, EmailKind.REMINDERS, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.match(r"<(.+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    assert "/email/unsubscribe/" in url
    assert url in message.body


def test_essential_mail_has_no_unsubscribe_and_always_goes(user, django_capture_on_commit_callbacks):
    EmailPreferences.objects.create(user=user, reminders=False, digests=False, mentions=False, news=False)
    _send(user, EmailKind.ESSENTIAL, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_switched_off_kinds_are_not_sent(user, django_capture_on_commit_callbacks):
    EmailPreferences.objects.create(user=user, reminders=False)
    _send(user, EmailKind.REMINDERS, django_capture_on_commit_callbacks)
    _send(user, EmailKind.DIGESTS, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_one_click_post_unsubscribes_without_signing_in(user, client):
    path = "/email/unsubscribe/" + tokens.unsubscribe_token(user, EmailKind.DIGESTS) + "/"
    page = client.get(path)
    assert page.status_code == 200 and b"<form" in page.content
    assert not EmailPreferences.objects.filter(user=user).exists()  # a GET (link scanners) changes nothing
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    prefs = EmailPreferences.objects.get(user=user)
    assert not prefs.digests and prefs.reminders


def test_a_tampered_token_changes_nothing(user, client):
    token = tokens.unsubscribe_token(user, EmailKind.DIGESTS)
    response = client.post(f"/email/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 404
    assert b"not valid" in response.content
    assert not EmailPreferences.objects.exists()


def test_profile_preferences_switch_kinds_off(user, client_for):
    client = client_for(user)
    assert client.get("/accounts/email-preferences/").status_code == 200
    response = client.post("/accounts/email-preferences/", {"reminders": "on", "news": "on"}, follow=True)
    assert "Your email preferences were saved." in response.content.decode()
    prefs = EmailPreferences.objects.get(user=user)
    assert (prefs.reminders, prefs.digests, prefs.mentions, prefs.news) == (True, False, False, True)
    assert client_for(None).get("/accounts/email-preferences/").status_code == 302


def test_mail_to_several_people_never_shows_the_others(django_capture_on_commit_callbacks):
    people = [UserFactory() for _ in range(3)]
    _send(people, EmailKind.ESSENTIAL, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    for message, person in zip(mail.outbox, people, strict=True):
        assert message.to == [person.email] and not message.cc and not message.bcc
        others = [p.email for p in people if p != person]
        raw = message.message().as_string()
        assert not any(email in raw for email in others)


def test_every_kind_can_be_switched_off_at_once(user, client_for):
    client_for(user).post("/accounts/email-preferences/", {})
    prefs = EmailPreferences.objects.get(user=user)
    assert not any((prefs.reminders, prefs.digests, prefs.mentions, prefs.news))


def test_a_consultation_reminder_respects_the_learners_choice_but_a_change_always_goes(
    django_capture_on_commit_callbacks,
):
    from advisors import notifications
    from advisors.factories import ConsultationFactory

    consultation = ConsultationFactory()
    EmailPreferences.objects.create(user=consultation.learner, reminders=False)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.consultation_reminder(consultation)
    assert [m.to for m in mail.outbox] == [[consultation.advisor.user.email]]
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers
    with django_capture_on_commit_callbacks(execute=True):
        notifications.consultation_confirmed(consultation)
    assert mail.outbox[-1].to == [consultation.learner.email]
    assert "List-Unsubscribe" not in mail.outbox[-1].extra_headers
