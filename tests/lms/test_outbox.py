"""Every email through one path, none lost: the outbox, retry with back-off, allauth's mail, staff's view."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from lms import outbox
from lms.email import send_templated_email
from lms.models import AuditEvent, OutboxEmail
from organizations.factories import UserFactory

FAILING = "tests.lms.failing_backend.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _clean_outbox():
    mail.outbox.clear()


def _add(subject="Hello"):
    return outbox.outbox_add(to=["someone@example.org"], subject=subject, body="Body", html="<p>Body</p>")


def _make_due(email):
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_a_message_is_kept_then_sent_once_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = _add()
        assert not mail.outbox  # nothing leaves before the commit
    assert len(callbacks) == 1
    email.refresh_from_db()
    assert email.status == "sent" and email.attempts == 1 and email.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    # Delivering it again (a second worker, a late retry) sends nothing more.
    assert outbox.outbox_deliver(email_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_keeps_and_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        _add()
        raise RuntimeError("the change failed")
    assert not OutboxEmail.objects.exists() and not mail.outbox


@override_settings(EMAIL_BACKEND=FAILING)
def test_a_failed_send_is_kept_with_a_growing_delay(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _add()
    email.refresh_from_db()
    assert email.status == "pending" and email.attempts == 1
    assert "mail server down" in email.last_error
    first_wait = email.next_attempt_at - timezone.now()
    assert timedelta(minutes=1) < first_wait <= timedelta(minutes=2)
    _make_due(email)
    outbox.outbox_deliver(email_id=email.pk)
    email.refresh_from_db()
    assert email.attempts == 2
    assert timedelta(minutes=3) < email.next_attempt_at - timezone.now() <= timedelta(minutes=4)


@override_settings(EMAIL_BACKEND=FAILING)
def test_after_the_last_attempt_the_message_is_marked_failed(db):
    email = OutboxEmail.objects.create(to=["a@example.org"], subject="s", body="b", attempts=outbox.MAX_ATTEMPTS - 1)
    assert outbox.outbox_deliver(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.status == "failed" and email.next_attempt_at is None
    # A failed message is not picked up again by the schedule, only by staff.
    assert outbox.due_ids() == []


def test_in_the_embedded_setup_the_next_email_sends_what_waited(db, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        waiting = _add("First, while the server was down")
    settings.EMAIL_BACKEND = LOCMEM
    _make_due(waiting)
    with django_capture_on_commit_callbacks(execute=True):
        _add("Second, the server is back")
    assert sorted(m.subject for m in mail.outbox) == ["First, while the server was down", "Second, the server is back"]
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_a_message_not_yet_due_waits_for_its_time(db, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        waiting = _add("Waits")
    settings.EMAIL_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        _add("Now")
    assert [m.subject for m in mail.outbox] == ["Now"]
    waiting.refresh_from_db()
    assert waiting.status == "pending"


@override_settings(EMAIL_BACKEND=FAILING)
def test_with_a_queue_that_can_wait_the_retry_is_a_deferred_task(db):
    from django_tasks.backends.dummy import DummyBackend

    from lms.tasks import deliver_email_task

    queue = DummyBackend(alias="default", params={})
    email = OutboxEmail.objects.create(to=["a@example.org"], subject="s", body="b", next_attempt_at=timezone.now())
    with mock.patch("django_tasks.base.Task.get_backend", return_value=queue):
        deliver_email_task.call(email_id=email.pk)
    email.refresh_from_db()
    assert len(queue.results) == 1
    retry = queue.results[0]
    assert retry.kwargs == {"email_id": email.pk}
    assert retry.task.run_after == email.next_attempt_at


def test_a_claimed_message_is_not_sent_by_a_second_worker(db):
    email = OutboxEmail.objects.create(to=["a@example.org"], subject="s", body="b", next_attempt_at=timezone.now())
    OutboxEmail.objects.filter(pk=email.pk).update(claimed_until=timezone.now() + timedelta(minutes=5))
    assert outbox.outbox_deliver(email_id=email.pk) is False
    assert not mail.outbox


def test_the_command_sends_what_is_due(db, settings):
    settings.EMAIL_BACKEND = FAILING
    email = OutboxEmail.objects.create(to=["a@example.org"], subject="s", body="b", next_attempt_at=timezone.now())
    call_command("send_queued_email", stdout=mock.Mock())
    email.refresh_from_db()
    assert email.status == "pending" and email.attempts == 1
    settings.EMAIL_BACKEND = LOCMEM
    _make_due(email)
    call_command("send_queued_email", stdout=mock.Mock())
    email.refresh_from_db()
    assert email.status == "sent" and len(mail.outbox) == 1


def test_templated_email_goes_through_the_outbox_in_the_recipients_language(db, django_capture_on_commit_callbacks):
    from types import SimpleNamespace

    person = UserFactory(preferred_language="ja")
    invitation = SimpleNamespace(organization=SimpleNamespace(name="Minato"), get_absolute_url=lambda: "/x/")
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(to=person, template="organizations/invitation", context={"invitation": invitation})
    kept = OutboxEmail.objects.get()
    assert kept.to == [person.email] and kept.status == "sent"
    assert "Minato" in kept.subject and "You are invited" not in kept.subject  # Japanese
    assert mail.outbox[0].subject == kept.subject


# allauth's emails --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_password_reset_with_the_mail_server_down_answers_and_sends_later(client, settings):
    from tests.smtp import smtp_down

    smtp_down(settings)  # the real SMTP backend, on a closed port
    person = UserFactory(email="reset@example.org", preferred_language="ja")
    response = client.post("/accounts/password/reset/", {"email": person.email})
    assert response.status_code == 302
    kept = OutboxEmail.objects.get(to=[person.email])
    assert kept.status == "pending" and kept.attempts == 1
    # Written in the person's language, whatever the page's language was.
    assert "パスワード" in kept.subject + kept.body
    settings.EMAIL_BACKEND = LOCMEM
    _make_due(kept)
    call_command("send_queued_email", stdout=mock.Mock())
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_sign_up_with_the_mail_server_down_answers_and_keeps_the_verification(client, settings):
    from tests.smtp import smtp_down

    smtp_down(settings)
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new-person@example.org",
            "password1": "a-Long-pass-2024!",
            "password2": "a-Long-pass-2024!",
            "first_name": "Aiko",
            "last_name": "Tanaka",
            "preferred_language": "en",
            "time_zone": "Asia/Tokyo",
            "accept_terms": "on",
            "accept_privacy": "on",
        },
    )
    assert response.status_code == 302
    kept = OutboxEmail.objects.get(to=["new-person@example.org"])
    assert kept.status == "pending" and "/accounts/confirm-email/" in kept.body


# Programme staff ----------------------------------------------------------------------------------


def test_outbox_page_permissions(client_for, user, programme_staff):
    assert client_for(None).get("/programme/emails/").status_code == 302
    assert client_for(user).get("/programme/emails/").status_code == 404
    assert client_for(programme_staff).get("/programme/emails/").status_code == 200


def test_staff_see_failed_and_waiting_emails_and_try_again(client_for, programme_staff, settings):
    failed = OutboxEmail.objects.create(
        to=["a@example.org"], subject="Seat confirmed", body="b", status="failed", attempts=6, last_error="refused"
    )
    OutboxEmail.objects.create(to=["b@example.org"], subject="Already out", body="b", status="sent")
    client = client_for(programme_staff)
    page = client.get("/programme/emails/").content.decode()
    assert "Seat confirmed" in page and "refused" in page and "Already out" not in page
    assert "Already out" in client.get("/programme/emails/?show=sent").content.decode()

    settings.EMAIL_BACKEND = FAILING
    response = client.post(f"/programme/emails/{failed.pk}/retry/", follow=True)
    assert "did not take the email" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == "failed"

    settings.EMAIL_BACKEND = LOCMEM
    response = client.post(f"/programme/emails/{failed.pk}/retry/", follow=True)
    assert "The email was sent." in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == "sent" and len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="lms.email_retried", target_id=str(failed.pk)).count() == 2
    response = client.post(f"/programme/emails/{failed.pk}/retry/", follow=True)
    assert "already sent" in response.content.decode() and len(mail.outbox) == 1


def test_others_cannot_retry(client_for, user):
    email = OutboxEmail.objects.create(to=["a@example.org"], subject="s", body="b", status="failed")
    assert client_for(user).post(f"/programme/emails/{email.pk}/retry/").status_code == 404
    assert client_for(None).post(f"/programme/emails/{email.pk}/retry/").status_code == 302
    email.refresh_from_db()
    assert email.status == "failed" and not mail.outbox


def test_sent_messages_are_forgotten_after_thirty_days(db):
    old = OutboxEmail.objects.create(
        to=["a@example.org"], subject="old", body="b", status="sent", sent_at=timezone.now() - timedelta(days=31)
    )
    recent = OutboxEmail.objects.create(
        to=["a@example.org"], subject="recent", body="b", status="sent", sent_at=timezone.now() - timedelta(days=2)
    )
    failed = OutboxEmail.objects.create(to=["a@example.org"], subject="failed", body="b", status="failed")
    call_command("send_queued_email", stdout=mock.Mock())
    assert set(OutboxEmail.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk}
    assert not OutboxEmail.objects.filter(pk=old.pk).exists()
