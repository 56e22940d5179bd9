"""What lives as long as the current request, to keep what a request reads more than once.

Django's request signals mark a request (connected in lms.apps): ``started`` gives it a fresh namespace and
``finished`` drops it. Outside a request (tasks, commands, the shell) ``current()`` is None and callers read
afresh every time, so a long-lived process never holds a stale value.
"""

from contextvars import ContextVar
from types import SimpleNamespace

_current: ContextVar[SimpleNamespace | None] = ContextVar("lms_request_scope", default=None)


def started(**kwargs) -> None:
    _current.set(SimpleNamespace())


def finished(**kwargs) -> None:
    _current.set(None)


def current() -> SimpleNamespace | None:
    return _current.get()


def site_paths() -> SimpleNamespace:
    """Something for Wagtail to keep the site root paths on when building page URLs (it reads them from the cache
    once per object it is given as the request; ``Page.url`` gives it each page): the current request's, so a
    request reads them once, or a fresh one outside a request. It has no site of its own, like ``Page.url``."""
    scope = current()
    if scope is None:
        return SimpleNamespace(_wagtail_site=None)
    holder = getattr(scope, "site_paths", None)
    if holder is None:
        holder = scope.site_paths = SimpleNamespace(_wagtail_site=None)
    return holder
