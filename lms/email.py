"""One path for every email: render in the recipient's language, keep, send after commit.

Each message is kept in the outbox (``lms.outbox``) in the same transaction as the change it
reports and sent after commit, so a failing mail server can never roll back what the user did,
a rolled-back action never sends mail, and a failed send is retried, never lost. allauth's
emails take the same path (``organizations.adapters.AccountAdapter.send_mail``).
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from lms import outbox

logger = logging.getLogger(__name__)


@dataclass
class Attachment:
    filename: str
    content: str
    mimetype: str


@dataclass
class Recipient:
    email: str
    language: str = "en"
    extra: dict = field(default_factory=dict)


def absolute_url(path: str) -> str:
    """A full URL for links in emails and calendar entries."""
    return settings.SITE_URL.rstrip("/") + path


def _recipient(user_or_email) -> Recipient:
    if isinstance(user_or_email, str):
        return Recipient(email=user_or_email)
    return Recipient(
        email=user_or_email.email,
        language=getattr(user_or_email, "preferred_language", "") or "en",
    )


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Render ``emails/<template>_subject.txt``, ``.txt`` and (optional) ``.html``."""
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        subject = " ".join(subject.splitlines())
        body = render_to_string(f"emails/{template}.txt", context)
        try:
            html = render_to_string(f"emails/{template}.html", context)
        except TemplateDoesNotExist:
            html = ""
    return subject, body, html


def send_templated_email(
    *,
    to,
    template: str,
    context: dict | None = None,
    attachments: list[Attachment] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render for each recipient in their language and queue after commit."""
    recipients = to if isinstance(to, list | tuple) else [to]
    for item in recipients:
        recipient = _recipient(item)
        if not recipient.email:
            continue
        ctx = {"recipient": item, **(context or {})}
        subject, body, html = render_email(template, ctx, recipient.language)
        payload = {
            "subject": subject,
            "body": body,
            "html": html,
            "to": [recipient.email],
            "attachments": [(a.filename, a.content, a.mimetype) for a in attachments or []],
            "headers": headers or {},
        }
        outbox.outbox_add(**payload)
