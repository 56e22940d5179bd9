"""The signed-in person for a request, from the cache rather than the database.

Every signed-in request needs its user, their role groups and, for privileged roles, whether they have
set up two-factor sign-in. Loading these costs two or three queries per request, yet they change
rarely; so they are cached per person (with the session in Redis, a signed-in request then needs no
query before the page's own work). The entry is deleted whenever the user row, their groups or their
authenticators change, and the session's auth hash is still checked on every request, so a changed
password or a deactivated account signs the person out exactly as Django's own loader does.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from lms import batch

USER_TIMEOUT = 600


def _key(user_id) -> str:
    return f"auth-user:{user_id}"


def forget_user(user_id) -> None:
    cache.delete(_key(user_id))


def _load(user) -> dict:
    """The person's role groups and whether they have a TOTP authenticator (allauth's ``is_mfa_enabled`` for
    that type: one exists), read in one round trip (lms.batch)."""
    from allauth.mfa.models import Authenticator

    groups = user.groups.values_list("name", flat=True)
    totp = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).values_list("pk", flat=True)[:1]
    batch.fetch(groups, totp)
    return {"user": user, "groups": frozenset(groups), "totp": bool(totp)}


def _attach(entry: dict):
    user = entry["user"]
    user._group_names = set(entry["groups"])
    user._lms_has_totp = entry["totp"]
    return user


def get_user(request):
    """Django's ``auth.get_user``, with the user (and their roles) from the cache when the session matches."""
    session = request.session
    user_id = session.get(SESSION_KEY)
    if user_id is None or session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    entry = cache.get(_key(user_id))
    if entry is not None:
        user = entry["user"]
        session_hash = session.get(HASH_SESSION_KEY)
        if session_hash and constant_time_compare(session_hash, user.get_session_auth_hash()):
            return _attach(entry)
    user = auth.get_user(request)  # verifies the session, tries fallback keys, flushes a stale one
    if user.is_authenticated:
        entry = _load(user)
        cache.set(_key(user.pk), entry, USER_TIMEOUT)
        _attach(entry)
    return user


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's ``AuthenticationMiddleware`` with :func:`get_user` (the user still loads lazily, once)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))


def user_changed(sender=None, instance=None, **kwargs) -> None:
    """Retire a person's cached entry when their row, groups or authenticators change."""
    if kwargs.get("action", "post_add") not in ("post_add", "post_remove", "pre_clear"):
        return  # a clear is caught before it happens, while its members can still be listed
    if kwargs.get("reverse"):  # group.user_set.add(...): the users are the other side
        pks = kwargs.get("pk_set") or instance.user_set.values_list("pk", flat=True)
        for pk in pks:
            forget_user(pk)
        return
    forget_user(getattr(instance, "user_id", None) or instance.pk)


def connect() -> None:
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save

    User = get_user_model()
    for model in (User, Authenticator):
        post_save.connect(user_changed, sender=model, dispatch_uid=f"auth-user-save-{model._meta.label}")
        post_delete.connect(user_changed, sender=model, dispatch_uid=f"auth-user-delete-{model._meta.label}")
    m2m_changed.connect(user_changed, sender=User.groups.through, dispatch_uid="auth-user-groups")
