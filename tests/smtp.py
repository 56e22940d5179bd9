"""A mail server that is down: Django's real SMTP backend pointed at a closed local port."""

import socket

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def smtp_down(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2


def smtp_back(settings) -> None:
    """The server is back (the test backend keeps what is sent in ``mail.outbox``)."""
    settings.EMAIL_BACKEND = LOCMEM


def send_what_waits() -> None:
    """What cron does every few minutes, once the retry time has come."""
    from unittest import mock

    from django.core.management import call_command
    from django.utils import timezone

    from lms.models import OutboxEmail

    OutboxEmail.objects.filter(status="pending").update(next_attempt_at=timezone.now())
    call_command("send_queued_email", stdout=mock.Mock())
