"""Signed-in pages kept per session for a short while, so a person's repeated visits cost one cache read.

A page opts in from its view or page model (:func:`keep`); only its 200 HTML answers to a GET are kept, and
never while a message waits to be shown, nor when the view set a cookie or changed the session. The key holds
the session, the CSRF cookie (the page's forms carry a token made from it), the host and full path, the
language and time zone, and the versions of what such a page is made of:

- the pages' generation (publishing, moving, view restrictions) and the header's tools;
- on a public family's pages (lms.page_cache.register_family: the advisor pages), its generation (the
  advisors' availability and bookings), so a slot never shows open once it is taken;
- the person's own version, bumped by every request of theirs that can change something (any method but
  GET, HEAD and OPTIONS) once it is answered, and by saving or deleting any row that refers to them (a
  foreign key or a many-to-many link to the user) or reaches them through another row (:func:`watch`), now and
  when that commits.

Only a page's own short queries are looked up (``KEPT_PARAMETERS``), and never for Wagtail's preview.

What other people change without touching the person's rows (a queue's count, places left on a seminar) and
the clock's relative words show within ``LMS_PERSONAL_PAGE_CACHE_SECONDS``. Where it sits in the middleware
(after two-factor and consent checks) matters: those run on every request, cached or not.
"""

import hashlib
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import get_language

from lms import cache_versions, page_cache

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# The query parameters a kept page may be asked with (a lesson's quiz attempt, an advisor page's week, day and
# follow-up), each value short: any other query is answered afresh, so nobody can fill the cache with made-up
# addresses.
KEPT_PARAMETERS = frozenset({"attempt", "week", "day", "follow_up"})
MAX_QUERY_LENGTH = 100
KEPT_HEADERS = page_cache.KEPT_HEADERS + ("Cache-Control", "Vary")
_ALLOWED = "_lms_personal_cache"


def person_key(user_id) -> str:
    return f"personal-cache:person:{user_id}"


def enabled() -> bool:
    return settings.LMS_PERSONAL_PAGE_CACHE_SECONDS > 0


def person_changed(user_id) -> None:
    """Retire every page kept for this person (now, and again when the current transaction commits)."""
    if user_id is not None and enabled():
        cache_versions.bump_until_committed(person_key(user_id))


def keep(request) -> None:
    """Let this request's answer be kept for its session (call from ``Page.get_context``: Wagtail pages are
    looked up in the cache, and kept only when their page model says so)."""
    setattr(request, _ALLOWED, True)


def kept(view):
    """Decorator: :func:`keep` for every request the view answers; the marker lets the middleware look the page
    up before the view runs (decorators made with ``functools.wraps`` carry it outwards)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        keep(request)
        return view(request, *args, **kwargs)

    wrapper.personal_cache = True
    return wrapper


def _plain_query(request) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return not query or (len(query) <= MAX_QUERY_LENGTH and set(request.GET) <= KEPT_PARAMETERS)


def _looked_up(request) -> bool:
    """Whether the view at this path may have kept its answer: only those are looked up, so a signed-in request
    elsewhere costs no cache read."""
    return _view_may_keep(get_language(), request.path_info)


@lru_cache(maxsize=2048)
def _view_may_keep(language: str, path: str) -> bool:
    """Per language (the URL patterns' prefix) and path: the URL patterns do not change while the process runs."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name == "wagtail_serve" or getattr(match.func, "personal_cache", False)


def _messages_waiting(request) -> bool:
    """A message waits to be shown, in its cookie or the session."""
    return "messages" in request.COOKIES or bool(request.session.get("_messages"))


def _pending_messages(request) -> bool:
    """A message waits, or was added or shown while this page was made."""
    storage = getattr(request, "_messages", None)
    return _messages_waiting(request) or (storage is not None and len(storage) > 0)


def _csrf_cookie_kept(request) -> bool:
    """The browser holds a valid CSRF cookie and the request uses it as it is: the page's form tokens are made
    from it (Django replaces an invalid one, and re-sends a used one only to renew it)."""
    secret = request.META.get("CSRF_COOKIE")
    return bool(secret) and secret == request.COOKIES.get(settings.CSRF_COOKIE_NAME)


def _version_names(request, family) -> list[str]:
    from lms.home import TOOLS_VERSION

    names = [page_cache.GENERATION_KEY, TOOLS_VERSION, person_key(request.user.pk)]
    return names + ([family.generation_key] if family else [])


def _key(request) -> str:
    parts = (
        request.session.session_key,
        request.META["CSRF_COOKIE"],
        request.get_host(),
        request.get_full_path(),
        get_language(),
        timezone.get_current_timezone_name(),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"personal-cache:{request.user.pk}:{digest}"


def _lookup(request, family) -> tuple[str, list[int], tuple | None]:
    """The entry's key, the current versions and the entry kept under those versions (or None), in one cache
    round trip: the entry holds the versions it was made under, read with the current ones."""
    key, names = _key(request), _version_names(request, family)
    found = cache.get_many([key, *names])
    if all(name in found for name in names):
        versions = cache_versions.remember({name: found[name] for name in names})
    else:  # a version was evicted: start it afresh
        versions = cache_versions.current_many(names)
    entry = found.get(key)
    return key, versions, entry if entry is not None and entry[0] == versions else None


class PersonalPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            if request.user.is_authenticated:
                person_changed(request.user.pk)
            return response
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        family = page_cache.family_of(request)
        key, versions, cached = _lookup(request, family)
        if cached is not None:
            return page_cache.replay(*cached[1:], "personal hit")
        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            headers = page_cache.kept_headers(response, KEPT_HEADERS)
            seconds = settings.LMS_PERSONAL_PAGE_CACHE_SECONDS
            if family is not None and family.seconds:
                seconds = min(seconds, family.seconds)
            cache.set(key, (versions, response.content, headers), seconds)
            response["X-Page-Cache"] = "personal miss"
        return response

    @staticmethod
    def _request_is_cacheable(request) -> bool:
        return (
            enabled()
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and not getattr(request, "is_dummy", False)  # Wagtail's preview: the page's URL, the editor's cookies
            and not request.path.startswith(page_cache.EXEMPT_PREFIXES)
            and _plain_query(request)
            and _looked_up(request)
            and _csrf_cookie_kept(request)
            and request.user.is_authenticated
            and not _messages_waiting(request)
        )

    @staticmethod
    def _response_is_cacheable(request, response) -> bool:
        return (
            getattr(request, _ALLOWED, False)
            and not getattr(request, "is_preview", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.session.modified
            and not _pending_messages(request)
            and _csrf_cookie_kept(request)
            and response.get("Content-Type", "").startswith("text/html")
        )


def _link_changed(sender, instance, action, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    from django.contrib.auth import get_user_model

    if isinstance(instance, get_user_model()):
        person_changed(instance.pk)
        return
    # the other side of a link to users: pk_set holds the users added or removed; a clear is seen before it
    # happens, while its users can still be listed
    users = getattr(instance, _M2M_USERS[sender]).values_list("pk", flat=True) if action == "pre_clear" else pk_set
    for pk in users:
        person_changed(pk)


def watch(model, people) -> None:
    """Retire the pages of the people ``people(row)`` names whenever a row of ``model`` is saved or deleted. Every
    model with a foreign key to the user is watched for it (:func:`connect`); a scheme's ``AppConfig.ready``
    adds rows that reach a person only through another row and that someone else changes (a certificate through
    its enrollment, a meeting through its group)."""
    from django.db.models.signals import post_delete, post_save

    _WATCHED.setdefault(model, []).append(people)
    for signal in (post_save, post_delete):
        signal.connect(_watched_changed, sender=model, dispatch_uid=f"personal-cache-watch-{model._meta.label}")


def _watched_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw or not enabled():  # finding the people may take a query
        return
    for people in _WATCHED.get(sender, ()):
        try:
            found = list(people(instance))
        except ObjectDoesNotExist:  # deleted along with the row that leads to the person, whose own signal counts
            continue
        for user_id in found:
            person_changed(user_id)


def _fields(attnames: list[str]):
    return lambda row: [getattr(row, attname) for attname in attnames]


_WATCHED: dict = {}  # model -> functions from a row to the ids of the people it shows for
_M2M_USERS: dict = {}  # through model -> the attribute that lists the users from the side that is not the user


def connect() -> None:
    """Watch every model that refers to the user (LmsConfig.ready, once all apps are loaded; lms comes before
    the schemes, whose own :func:`watch` calls add to these)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed

    User = get_user_model()
    referring: dict = {User: ["pk"]}  # model -> attribute names of its foreign keys to the user
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.concrete:
                continue
            if field.related_model is User and (field.many_to_one or field.one_to_one):
                referring.setdefault(model, []).append(field.attname)
            elif field.many_to_many and field.related_model is User:  # declared elsewhere, links to users
                _M2M_USERS[field.remote_field.through] = field.name
            elif field.many_to_many and model is User:  # declared on the user (groups, permissions)
                _M2M_USERS[field.remote_field.through] = field.remote_field.get_accessor_name()
    for through in _M2M_USERS:
        m2m_changed.connect(_link_changed, sender=through, dispatch_uid=f"personal-cache-m2m-{through._meta.label}")
    for model, attnames in referring.items():
        watch(model, _fields(attnames))
