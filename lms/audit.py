"""Record security-relevant events (login failures, role changes, exports, deletions, approvals).

Call :func:`record` from services and views; programme staff read the trail in the
Wagtail admin (Audit trail). Recording never breaks the action it records.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

logger = logging.getLogger("lms.audit")


def _client_ip(request) -> str | None:
    """The client's address as the trusted proxies saw it (``ALLAUTH_TRUSTED_PROXY_COUNT``), like the rate limits."""
    if request is None:
        return None
    try:
        from allauth.core.internal.httpkit import get_client_ip

        return get_client_ip(request)
    except Exception:  # a proxy chain that doesn't match the setting: fall back to the socket's address
        return request.META.get("REMOTE_ADDR")


def record(*, action: str, actor=None, target=None, details: dict | None = None, request=None, actor_repr: str = ""):
    from lms.models import AuditEvent

    try:
        event = AuditEvent.objects.create(
            actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
            actor_repr=actor_repr or (str(getattr(actor, "email", "")) if actor is not None else ""),
            action=action,
            target_type=target._meta.label if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            target_repr=str(target)[:255] if target is not None else "",
            details=details or {},
            ip_address=_client_ip(request),
        )
    except Exception:  # the trail must never stop the action itself
        logger.exception("audit event could not be recorded", extra={"action": action})
        return None
    logger.info("audit action=%s actor=%s target=%s", action, event.actor_repr, event.target_repr)
    return event


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    login = str(credentials.get("email") or credentials.get("username") or "")[:200]
    record(action="login.failed", actor_repr=login, request=request)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(action="login.succeeded", actor=user, target=user, request=request)


@receiver(m2m_changed)
def _groups_changed(sender, instance, action, pk_set, **kwargs):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    if sender is not User.groups.through or not isinstance(instance, User):
        return
    if action in {"post_add", "post_remove"} and pk_set:
        names = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        record(
            action="role.granted" if action == "post_add" else "role.revoked",
            target=instance,
            details={"groups": names},
        )
    elif action == "post_clear":
        record(action="role.revoked", target=instance, details={"groups": "all"})
