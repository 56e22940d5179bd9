"""Version numbers that retire a whole family of cache entries at once.

A cache key carries its family's current version; bumping the version leaves every entry stored
under the old one unread until it expires. A version lost to eviction restarts from the clock, so
it never comes back to a number that entries were stored under before.
"""

import time

from django.core.cache import cache


def _fresh() -> int:
    return time.time_ns() // 1000


def current_many(names: list[str]) -> list[int]:
    """The current versions of ``names``, in one cache round trip when none was evicted."""
    found = cache.get_many(names)
    missing = [name for name in names if name not in found]
    if missing:
        for name in missing:
            cache.add(name, _fresh(), None)
        found = cache.get_many(names)
    return [found.get(name, 0) for name in names]


def current(name: str) -> int:
    return current_many([name])[0]


def bump(name: str) -> None:
    try:
        cache.incr(name)
    except ValueError:
        cache.set(name, _fresh(), None)
