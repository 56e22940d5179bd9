"""One path for every email: render in the recipient's language, keep, send after commit.

Each message is kept in the outbox (``lms.outbox``) in the same transaction as the change it
reports and sent after commit, so a failing mail server can never roll back what the user did,
a rolled-back action never sends mail, and a failed send is retried, never lost. allauth's
emails take the same path (``organizations.adapters.AccountAdapter.send_mail``).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

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


# Accounts erased at their owner's request keep an address in this reserved domain (RFC 2606): never mailed.
ERASED_EMAIL_DOMAIN = "erased.invalid"


class EmailKind:
    """What an email is for. Essential mail always goes; people may switch the others off."""

    ESSENTIAL = "essential"  # verification, password reset, changes to the person's own consultations
    REMINDERS = "reminders"
    DIGESTS = "digests"  # discussion digests and new-post notifications
    MENTIONS = "mentions"
    NEWS = "news"  # programme news

    OPTIONAL = (REMINDERS, DIGESTS, MENTIONS, NEWS)
    LABELS = {
        REMINDERS: _("Reminders of seminars, consultations, meetings and milestones"),
        DIGESTS: _("Study group discussion: new posts and digests"),
        MENTIONS: _("Mentions of you in a discussion"),
        NEWS: _("Programme news"),
    }


@dataclass
class PreferenceHooks:
    """Filled by the app that stores email preferences (``privacy``), so this module imports no app."""

    allows: Callable[[object, str], bool] = lambda user, kind: True
    unsubscribe_url: Callable[[object, str], str] | None = None


preference_hooks = PreferenceHooks()


def register_preference_hooks(*, allows: Callable[[object, str], bool], unsubscribe_url: Callable[[object, str], str]):
    preference_hooks.allows = allows
    preference_hooks.unsubscribe_url = unsubscribe_url


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
    kind: str = EmailKind.ESSENTIAL,
) -> None:
    """Render for each recipient in their language and queue after commit.

    Each recipient gets their own message, so no one sees the others' addresses. A non-essential
    ``kind`` is skipped for people who switched it off, and carries a one-click unsubscribe link
    (``List-Unsubscribe`` and ``List-Unsubscribe-Post``, RFC 8058).
    """
    recipients = to if isinstance(to, list | tuple) else [to]
    for item in recipients:
        recipient = _recipient(item)
        if not recipient.email or recipient.email.endswith("@" + ERASED_EMAIL_DOMAIN):
            continue
        message_headers = dict(headers or {})
        unsubscribe = ""
        if kind != EmailKind.ESSENTIAL and not isinstance(item, str):
            if not preference_hooks.allows(item, kind):
                continue
            if preference_hooks.unsubscribe_url is not None:
                unsubscribe = preference_hooks.unsubscribe_url(item, kind)
                message_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
                message_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        ctx = {"recipient": item, "unsubscribe_url": unsubscribe, **(context or {})}
        subject, body, html = render_email(template, ctx, recipient.language)
        if unsubscribe:
            with translation.override(recipient.language):
                footer = str(_("Stop emails like this one: %(url)s")) % {"url": unsubscribe}
            body = f"{body.rstrip()}\n\n-- \n{footer}\n"
        payload = {
            "subject": subject,
            "body": body,
            "html": html,
            "to": [recipient.email],
            "attachments": [(a.filename, a.content, a.mimetype) for a in attachments or []],
            "headers": message_headers,
        }
        outbox.outbox_add(**payload)
