"""The signed-in person for a request, from the cache rather than the database.

Every signed-in request needs its user, their role groups and, for privileged roles, whether they have
set up two-factor sign-in. Loading these costs two or three queries per request, yet they change
rarely; so they are cached per person (with the session in Redis, a signed-in request then needs no
query before the page's own work). The entry is deleted whenever the user row, their groups or their
authenticators change, and the session's auth hash is still checked on every request, so a changed
password or a deactivated account signs the person out exactly as Django's own loader does.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from lms import batch
from lms.sessions import MISSING

USER_TIMEOUT = 600
# Which person this browser was last signed in as: only a hint, so their entry is read with the session
# (lms.sessions) in one round trip; the entry is used only when it is the session's own person.
HINT_COOKIE = "lms_person"


def _key(user_id) -> str:
    """Per person and secret key: the entry holds a session hash made with the key, so a new key reads none."""
    return f"auth-user:{_secret_tag(settings.SECRET_KEY)}:{user_id}"


@lru_cache(maxsize=4)
def _secret_tag(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:12]


def forget_user(user_id) -> None:
    cache.delete(_key(user_id))


def _load(user) -> dict:
    """The person's role groups and whether they have a TOTP authenticator (allauth's ``is_mfa_enabled`` for
    that type: one exists), read in one round trip (lms.batch)."""
    from allauth.mfa.models import Authenticator

    groups = user.groups.values_list("name", flat=True)
    totp = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).values_list("pk", flat=True)[:1]
    batch.fetch(groups, totp)
    # the session hash too: an HMAC of the password hash, the same until the password changes (which retires
    # the entry), so a request compares without working it out again
    return {"user": user, "groups": frozenset(groups), "totp": bool(totp), "hash": user.get_session_auth_hash()}


def _attach(entry: dict):
    user = entry["user"]
    user._group_names = set(entry["groups"])
    user._lms_has_totp = entry["totp"]
    return user


def _cached_entry(session, user_id):
    """The person's entry: read with the session when the hint named them, else on its own."""
    key = _key(user_id)
    prefetched = getattr(session, "prefetched", None)
    entry = prefetched(key) if prefetched is not None else MISSING
    return cache.get(key) if entry is MISSING else entry


def get_user(request):
    """Django's ``auth.get_user``, with the user (and their roles) from the cache when the session matches."""
    session = request.session
    user_id = session.get(SESSION_KEY)
    if user_id is None or session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        user = auth.get_user(request)
        _hint(request, user)
        return user
    entry = _cached_entry(session, user_id)
    if entry is not None:
        user = entry["user"]
        session_hash = session.get(HASH_SESSION_KEY)
        if session_hash and constant_time_compare(session_hash, entry["hash"]):
            _hint(request, user)
            return _attach(entry)
    user = auth.get_user(request)  # verifies the session, tries fallback keys, flushes a stale one
    if user.is_authenticated:
        entry = _load(user)
        cache.set(_key(user.pk), entry, USER_TIMEOUT)
        _attach(entry)
    _hint(request, user)
    return user


def _hint(request, user) -> None:
    """Ask for the hint cookie to be set (or dropped) when it does not name this person."""
    wanted = str(user.pk) if user.is_authenticated else ""
    if request.COOKIES.get(HINT_COOKIE, "") != wanted:
        request._lms_person_hint = wanted


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's ``AuthenticationMiddleware`` with :func:`get_user` (the user still loads lazily, once), and the
    person's entry read with the session when the hint cookie names them."""

    def process_request(self, request):
        super().process_request(request)
        hinted = request.COOKIES.get(HINT_COOKIE, "")
        if hinted.isdigit() and hasattr(request.session, "prefetch"):
            request.session.prefetch.append(_key(hinted))
        request.user = SimpleLazyObject(lambda: get_user(request))

    def process_response(self, request, response):
        wanted = getattr(request, "_lms_person_hint", None)
        if wanted:
            response.set_cookie(
                HINT_COOKIE,
                wanted,
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif wanted == "" and HINT_COOKIE in request.COOKIES:
            response.delete_cookie(HINT_COOKIE, samesite="Lax")
        return response


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
