"""lms.cache_versions: a version is read from the cache once per request, and a bump is seen at once."""

import pytest
from django.core.cache import cache

from lms import cache_versions, request_scope


class CountingCache:
    """Counts the cache reads cache_versions makes, passing them through."""

    def __init__(self, monkeypatch):
        self.reads = 0
        original = cache.get_many

        def get_many(keys, *args, **kwargs):
            self.reads += 1
            return original(keys, *args, **kwargs)

        monkeypatch.setattr(cache_versions.cache, "get_many", get_many)


@pytest.fixture
def request_cycle():
    """What Django's request_started and request_finished signals do here (connected in lms.apps)."""
    request_scope.started()
    yield
    request_scope.finished()


def test_within_a_request_each_version_is_read_once(monkeypatch, request_cycle):
    counting = CountingCache(monkeypatch)
    first = cache_versions.current("test:a")
    assert cache_versions.current("test:a") == first
    assert cache_versions.current_many(["test:a", "test:b"])[0] == first
    assert cache_versions.current_many(["test:b", "test:a"])[1] == first
    # "a", then "b" alone: each new, so read, added and read again; every other read from the request
    assert counting.reads == 4


def test_a_bump_in_the_request_is_seen_at_once(request_cycle):
    before = cache_versions.current("test:c")
    cache_versions.bump("test:c")
    assert cache_versions.current("test:c") == before + 1


def test_outside_a_request_every_read_goes_to_the_cache(monkeypatch):
    counting = CountingCache(monkeypatch)
    first = cache_versions.current("test:d")
    cache.incr("test:d")  # another process bumps it
    assert cache_versions.current("test:d") == first + 1
    assert counting.reads == 3


def test_the_next_request_reads_afresh(request_cycle):
    first = cache_versions.current("test:e")
    request_scope.finished()
    cache.incr("test:e")  # bumped by another process between the requests
    request_scope.started()
    assert cache_versions.current("test:e") == first + 1


@pytest.mark.django_db
def test_djangos_request_signals_mark_the_request():
    """Connected in lms.apps: a request starts remembering versions, and its end forgets them."""
    from django.core import signals

    signals.request_started.send(sender=None)
    try:
        cache_versions.current("test:f")
        assert "test:f" in cache_versions._seen()
    finally:
        signals.request_finished.send(sender=None)
    assert cache_versions._seen() is None
