"""Version numbers that retire a whole family of cache entries at once.

A cache key carries its family's current version; bumping the version leaves every entry stored
under the old one unread until it expires. A version lost to eviction restarts from the clock, so
it never comes back to a number that entries were stored under before.

A signed-in page asks for the same few versions several times (the pages' version for the route, the
outline and the lesson body, say): within one request each is read from the cache once and remembered
for the rest of it (lms.request_scope), and a bump in the request forgets it.
Outside a request every read goes to the cache.
"""

import time

from django.core.cache import cache

from lms import request_scope


def _seen() -> dict[str, int] | None:
    """The versions the current request has read (None outside a request)."""
    scope = request_scope.current()
    return None if scope is None else vars(scope).setdefault("versions", {})


def _fresh() -> int:
    return time.time_ns() // 1000


def current_many(names: list[str]) -> list[int]:
    """The current versions of ``names``, in one cache round trip when none was evicted (none at all when the
    request has read them already)."""
    seen = _seen()
    wanted = names if seen is None else [name for name in names if name not in seen]
    found = cache.get_many(wanted) if wanted else {}
    missing = [name for name in wanted if name not in found]
    if missing:
        for name in missing:
            cache.add(name, _fresh(), None)
        found = cache.get_many(wanted)
    if seen is None:
        return [found.get(name, 0) for name in names]
    for name in wanted:
        seen[name] = found.get(name, 0)
    return [seen[name] for name in names]


def remember(found: dict[str, int]) -> list[int]:
    """Versions a caller read itself along with something else (in one round trip): the request keeps them as
    if :func:`current_many` had read them. Returns them in order."""
    seen = _seen()
    if seen is not None:
        seen.update(found)
    return list(found.values())


def current(name: str) -> int:
    return current_many([name])[0]


def bump(name: str) -> None:
    seen = _seen()
    if seen is not None:
        seen.pop(name, None)
    try:
        cache.incr(name)
    except ValueError:
        cache.set(name, _fresh(), None)


def bump_until_committed(name: str) -> None:
    """Bump now and again when the current transaction commits: a reader between the two may store what it read
    before the commit under the first new version, but never under the second."""
    from django.db import transaction

    bump(name)
    transaction.on_commit(lambda: bump(name))
