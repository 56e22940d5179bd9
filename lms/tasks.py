"""Background tasks shared by every app (django-tasks).

With the immediate backend (the default) a task runs in the request; with
``TASKS_BACKEND=database`` it is stored and run by ``manage.py db_worker``.
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

EMAIL_ATTEMPTS = 5


@task(queue_name="default")
def send_email_task(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[tuple[str, str, str]] | None = None,
    headers: dict[str, str] | None = None,
    attempt: int = 1,
) -> None:
    """Send one rendered message.

    If the mail server fails and the queue can run tasks later (the database
    backend), the message is queued again with a growing delay, up to five tries.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    try:
        message.send(fail_silently=False)
    except Exception:
        backend = send_email_task.get_backend()
        if attempt < EMAIL_ATTEMPTS and backend.supports_defer:
            retry_at = timezone.now() + timedelta(minutes=2**attempt)
            send_email_task.using(run_after=retry_at).enqueue(
                subject=subject,
                body=body,
                to=to,
                html=html,
                attachments=attachments,
                headers=headers,
                attempt=attempt + 1,
            )
            logger.warning("email to %s failed (attempt %s); retrying at %s", to, attempt, retry_at.isoformat())
        else:
            logger.error("email to %s failed after %s attempts", to, attempt)
        raise
