"""The sending side of the one email path: an outbox table, delivery, and retry with back-off.

Every email is first written to :class:`lms.models.OutboxEmail` inside the transaction of the change it
reports, and handed to the task queue after commit. Delivery claims the row (an UPDATE, so two workers
never send the same message), sends, and records the result. A failed send stays in the outbox with a
growing delay (2, 4, 8, 16, 32 minutes) and is tried again:

- with the database task backend, by a task deferred to that time (``manage.py db_worker``);
- in the embedded default (tasks run in the request), whenever a later email goes out, and by
  ``manage.py send_queued_email`` (from cron), which works under either backend;
- at once, when programme staff press "Try again" on ``/programme/emails/``.

After the last attempt the message is marked failed and waits for staff. Nothing here ever raises
into the request that sent the email: a mail server that is down costs a log line, not a 500.
"""

import logging
from datetime import datetime, timedelta

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from lms.models import OutboxEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
CLAIM_SECONDS = 300
FLUSH_BATCH = 20


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after ``attempts`` failures."""
    return timedelta(minutes=2**attempts)


def outbox_add(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: list[tuple[str, str, str]] | None = None,
    headers: dict[str, str] | None = None,
    from_email: str = "",
) -> OutboxEmail:
    """Keep one message and send it once the current transaction commits."""
    email = OutboxEmail.objects.create(
        to=list(to),
        subject=subject[:998],
        body=body,
        html=html,
        attachments=[list(item) for item in attachments or []],
        headers=dict(headers or {}),
        from_email=from_email or "",
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(lambda pk=email.pk: dispatch(pk))
    return email


def outbox_add_message(message: EmailMessage) -> OutboxEmail:
    """Keep a message another library rendered (allauth's), with its HTML part and headers."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", None) or []:
        if mimetype == "text/html":
            html = content
    body = message.body
    if getattr(message, "content_subtype", "plain") == "html" and not html:
        html, body = message.body, ""
    return outbox_add(
        to=list(message.to),
        subject=message.subject,
        body=body,
        html=html,
        headers=dict(message.extra_headers or {}),
        from_email=message.from_email or "",
    )


def dispatch(email_id: int) -> None:
    """Hand a kept message to the task queue; if even that fails, it waits in the outbox."""
    from lms.tasks import deliver_email_task

    try:
        deliver_email_task.enqueue(email_id=email_id)
    except Exception:
        logger.exception("email %s could not be queued; it stays in the outbox", email_id)


def _claim(email_id: int, now: datetime) -> OutboxEmail | None:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    claimed = OutboxEmail.objects.filter(free, pk=email_id, status=OutboxEmail.Status.PENDING).update(
        claimed_until=now + timedelta(seconds=CLAIM_SECONDS)
    )
    return OutboxEmail.objects.filter(pk=email_id).first() if claimed else None


def _message(email: OutboxEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email or None,
        to=email.to,
        headers=email.headers or {},
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for filename, content, mimetype in email.attachments or []:
        message.attach(filename, content, mimetype)
    return message


def outbox_deliver(*, email_id: int) -> bool:
    """Try to send one waiting message; True when the mail server took it."""
    now = timezone.now()
    email = _claim(email_id, now)
    if email is None:
        return False  # already sent, given up, or being sent by another worker
    try:
        _message(email).send(fail_silently=False)
    except Exception as error:
        attempts = email.attempts + 1
        gave_up = attempts >= MAX_ATTEMPTS
        retry_at = None if gave_up else now + backoff(attempts)
        OutboxEmail.objects.filter(pk=email.pk).update(
            attempts=attempts,
            status=OutboxEmail.Status.FAILED if gave_up else OutboxEmail.Status.PENDING,
            next_attempt_at=retry_at,
            claimed_until=None,
            last_error=f"{type(error).__name__}: {error}"[:500],
        )
        if gave_up:
            logger.error("email %s to %s failed after %s attempts", email.pk, email.to, attempts)
        else:
            logger.warning("email %s to %s failed (attempt %s); next try at %s", email.pk, email.to, attempts, retry_at)
            _schedule(email.pk, retry_at)
        return False
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENT,
        sent_at=timezone.now(),
        attempts=F("attempts") + 1,
        claimed_until=None,
        next_attempt_at=None,
        last_error="",
    )
    return True


def _schedule(email_id: int, when: datetime) -> None:
    """With a queue that can wait (the database backend), a task comes back at the retry time."""
    from lms.tasks import deliver_email_task

    try:
        if deliver_email_task.get_backend().supports_defer:
            deliver_email_task.using(run_after=when).enqueue(email_id=email_id)
    except Exception:
        logger.exception("retry of email %s could not be queued; send_queued_email will find it", email_id)


def due_ids(*, now: datetime | None = None, limit: int = FLUSH_BATCH, retries_only: bool = False) -> list[int]:
    now = now or timezone.now()
    due = OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)
    if retries_only:
        due = due.filter(attempts__gt=0)
    return list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])


def outbox_send_due(*, limit: int = FLUSH_BATCH, retries_only: bool = False) -> tuple[int, int]:
    """Send what is due, oldest first, stopping at the first failure (the server is still down).

    ``retries_only`` leaves alone messages never tried: their own after-commit delivery is coming.
    """
    sent = failed = 0
    for email_id in due_ids(limit=limit, retries_only=retries_only):
        if outbox_deliver(email_id=email_id):
            sent += 1
        elif OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.SENT).exists():
            continue
        else:
            failed += 1
            break
    return sent, failed


def outbox_retry(*, email: OutboxEmail, by) -> bool:
    """Programme staff send a waiting or failed message again now; the attempt is audited."""
    from lms import audit

    updated = OutboxEmail.objects.filter(
        pk=email.pk, status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.FAILED]
    ).update(status=OutboxEmail.Status.PENDING, next_attempt_at=timezone.now(), claimed_until=None)
    if not updated:
        return False
    audit.record(action="lms.email_retried", actor=by, target=email)
    return outbox_deliver(email_id=email.pk)


def outbox_prune(*, days: int = 30) -> int:
    """Sent messages hold personal data: keep them only as long as staff may need to check a delivery."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT, sent_at__lt=cutoff).delete()
    return deleted
