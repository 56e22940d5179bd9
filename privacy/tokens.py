"""Signed one-click unsubscribe links and the preference check the email path asks."""

from django.core import signing
from django.urls import reverse

from lms.email import EmailKind, absolute_url

SALT = "privacy.unsubscribe"


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str] | None:
    """The user id and email kind a link stands for, or None if it was tampered with."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in EmailKind.OPTIONAL or not isinstance(data.get("u"), int):
        return None
    return data["u"], data["k"]


def unsubscribe_url(user, kind: str) -> str:
    return absolute_url(reverse("email_unsubscribe", kwargs={"token": unsubscribe_token(user, kind)}))


def email_allowed(user, kind: str) -> bool:
    from .models import EmailPreferences

    if kind not in EmailKind.OPTIONAL or not getattr(user, "pk", None):
        return True
    prefs = EmailPreferences.objects.filter(user_id=user.pk).first()
    return prefs is None or bool(getattr(prefs, kind))
