"""lms.near_cache against the live Redis: copies answer reads, and nothing another process changes is served."""

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from lms.near_cache import NearCache, connections_like

pytestmark = [pytest.mark.redis]


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    client.ping()
    return client


@pytest.fixture
def near(redis_client):
    """A near cache of its own on the test database, for keys starting with ``near:``."""
    import redis

    pool = redis.ConnectionPool.from_url(settings.CACHES["default"]["LOCATION"])
    made = NearCache(connections_like(pool), ["near:"])
    redis_client.delete("near:a", "near:b")
    yield made
    made.drop()
    made._reset(retry=False)


def settled(near, keys):
    """Redis's notices reach another connection a moment after the write's own reply."""
    time.sleep(0.02)
    return near.read(keys)


def test_a_second_read_sends_nothing_to_redis(near, redis_client, monkeypatch):
    redis_client.set("near:a", b"1")
    assert near.read(["near:a", "near:b"]) == [b"1", None]
    sent = []
    monkeypatch.setattr(near._data, "send_command", lambda *args, **kwargs: sent.append(args))
    redis_client.set("near:b", b"2")  # absence is not kept: the next read asks for b only
    monkeypatch.undo()
    assert near.read(["near:a", "near:b"]) == [b"1", b"2"]
    monkeypatch.setattr(near._data, "send_command", lambda *args, **kwargs: sent.append(args))
    assert near.read(["near:a", "near:b"]) == [b"1", b"2"]
    assert sent == []


def test_another_process_writing_or_deleting_a_key_retires_the_copy(near, redis_client):
    redis_client.set("near:a", b"old")
    assert near.read(["near:a"]) == [b"old"]
    redis_client.set("near:a", b"new")
    assert settled(near, ["near:a"]) == [b"new"]
    redis_client.delete("near:a")
    assert settled(near, ["near:a"]) == [None]


def test_an_expired_key_and_a_flushed_database_retire_the_copies(near, redis_client):
    redis_client.set("near:a", b"1", px=50)
    redis_client.set("near:b", b"2")
    assert near.read(["near:a", "near:b"]) == [b"1", b"2"]
    time.sleep(0.1)
    redis_client.get("near:a")  # Redis expires a key when it is next touched (or by its own sweep)
    assert settled(near, ["near:a"]) == [None]
    redis_client.flushdb()
    assert settled(near, ["near:b"]) == [None]


def test_a_copy_lives_no_longer_than_its_seconds(near, redis_client, monkeypatch):
    redis_client.set("near:a", b"1")
    assert near.read(["near:a"]) == [b"1"]
    later = time.monotonic() + 31
    monkeypatch.setattr("lms.near_cache.time.monotonic", lambda: later)
    sent = []
    original = near._data.send_command
    monkeypatch.setattr(near._data, "send_command", lambda *args: sent.append(args) or original(*args))
    assert near.read(["near:a"]) == [b"1"]
    assert sent == [("MGET", "near:a")]


def test_only_so_many_copies_are_kept(redis_client):
    import redis

    pool = redis.ConnectionPool.from_url(settings.CACHES["default"]["LOCATION"])
    small = NearCache(connections_like(pool), ["near:"], entries=5)
    keys = [f"near:n{i}" for i in range(12)]
    redis_client.mset(dict.fromkeys(keys, b"v"))
    for key in keys:
        assert small.read([key]) == [b"v"]
        assert len(small._kept) <= 5
    small._reset(retry=False)
    redis_client.delete(*keys)


def test_a_lost_connection_drops_every_copy_and_reads_go_to_redis(near, redis_client):
    redis_client.set("near:a", b"1")
    assert near.read(["near:a"]) == [b"1"]
    redis_client.client_kill_filter(_id=near.listener_id)  # the notices' connection: no word of changes would come
    redis_client.set("near:a", b"2")
    assert near.read(["near:a"]) is None  # the caller reads Redis itself
    assert near._kept == {}


def test_a_forked_worker_starts_with_no_copies_and_connections_of_its_own(near, redis_client, monkeypatch):
    redis_client.set("near:a", b"1")
    assert near.read(["near:a"]) == [b"1"]
    parent = near._data
    monkeypatch.setattr("lms.near_cache.os.getpid", lambda: -1)
    redis_client.set("near:a", b"2")  # the parent's notice is the parent's to read
    assert near.read(["near:a"]) == [b"2"]
    assert near._data is not parent


def test_the_process_reads_its_own_write_at_once(redis_client):
    cache.set("auth-user:probe", {"n": 1}, 60)
    assert cache.get("auth-user:probe") == {"n": 1}
    assert cache.get("auth-user:probe") == {"n": 1}  # now a copy
    cache.set("auth-user:probe", {"n": 2}, 60)
    assert cache.get("auth-user:probe") == {"n": 2}
    cache.delete("auth-user:probe")
    assert cache.get("auth-user:probe") is None


def test_each_read_gets_its_own_objects(redis_client):
    cache.set("auth-user:probe", {"n": 1}, 60)
    cache.get("auth-user:probe")["n"] = 99
    assert cache.get("auth-user:probe") == {"n": 1}


@pytest.mark.django_db
def test_signing_out_elsewhere_ends_the_session_at_once(client, user, redis_client):
    """A stolen session cookie stops working the moment its owner signs out, though this process kept a copy."""
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("dashboard")).status_code == 200  # read from the copies
    session_keys = [key for key in redis_client.keys("*") if client.session.session_key.encode() in key]
    assert session_keys
    redis_client.delete(*session_keys)  # what another worker's sign-out does to the cached session
    client.session.delete()  # and to its row
    time.sleep(0.02)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
