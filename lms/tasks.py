"""Background tasks shared by every app (django-tasks).

With the immediate backend (the default) a task runs in the request; with
``TASKS_BACKEND=database`` it is stored and run by ``manage.py db_worker``.
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

logger = logging.getLogger(__name__)


@task(queue_name="default")
def send_email_task(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    attachments: list[tuple[str, str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send one rendered message; raising lets the worker record and retry it."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send(fail_silently=False)
