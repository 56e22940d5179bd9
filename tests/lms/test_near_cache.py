"""lms.near_cache against the live Redis: copies answer reads, and nothing another process changes is served."""

import time
import uuid

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from lms.near_cache import NearCache, connections_like

pytestmark = [pytest.mark.redis]

# Redis tracks keys by name across its databases, and a FLUSHDB anywhere (every test starts with one, and
# two test workers share the server) retires every process's copies: keys are named per test, and a check
# that a read sent nothing is tried a few times.


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    client.ping()
    return client


def _factory():
    import redis

    return connections_like(redis.ConnectionPool.from_url(settings.CACHES["default"]["LOCATION"]))


@pytest.fixture
def keys():
    """Two key names of this test's own, under the near cache's prefix."""
    tag = uuid.uuid4().hex
    return f"near:{tag}:a", f"near:{tag}:b"


@pytest.fixture
def near(redis_client, keys):
    """A near cache of its own on the test database, for keys starting with ``near:``."""
    made = NearCache(_factory(), ["near:"])
    yield made
    made._reset(retry=False)
    redis_client.delete(*keys)


def sends_nothing(near, read, attempts=10) -> bool:
    """Whether ``read`` can be answered with no command sent to Redis (a flush elsewhere may intervene)."""
    for _ in range(attempts):
        read()  # fills the copies again if a flush retired them
        sent = []
        original = near._data.send_command

        def counted(*args, sent=sent, original=original, **kwargs):
            sent.append(args)
            return original(*args, **kwargs)

        near._data.send_command = counted
        try:
            read()
        finally:
            near._data.send_command = original
        if not sent:
            return True
    return False


def settled(near, keys):
    """Redis's notices reach another connection a moment after the write's own reply."""
    time.sleep(0.02)
    return near.read(keys)


def test_a_second_read_sends_nothing_to_redis(near, redis_client, keys):
    a, b = keys
    redis_client.set(a, b"1")
    assert near.read([a, b]) == [b"1", None]
    redis_client.set(b, b"2")  # absence is not kept: the next read asks Redis for b again
    assert near.read([a, b]) == [b"1", b"2"]
    assert sends_nothing(near, lambda: near.read([a, b]) == [b"1", b"2"])


def test_another_process_writing_or_deleting_a_key_retires_the_copy(near, redis_client, keys):
    a, _ = keys
    redis_client.set(a, b"old")
    assert near.read([a]) == [b"old"]
    redis_client.set(a, b"new")
    assert settled(near, [a]) == [b"new"]
    redis_client.delete(a)
    assert settled(near, [a]) == [None]


def test_an_expired_key_and_a_flushed_database_retire_the_copies(near, redis_client, keys):
    a, b = keys
    redis_client.set(a, b"1", px=50)
    redis_client.set(b, b"2")
    assert near.read([a, b]) == [b"1", b"2"]
    time.sleep(0.1)
    redis_client.get(a)  # Redis expires a key when it is next touched (or by its own sweep)
    assert settled(near, [a]) == [None]
    redis_client.flushdb()
    assert settled(near, [b]) == [None]


def test_a_copy_lives_no_longer_than_its_seconds(near, redis_client, keys, monkeypatch):
    a, _ = keys
    redis_client.set(a, b"1")
    assert near.read([a]) == [b"1"]
    later = time.monotonic() + 31
    monkeypatch.setattr("lms.near_cache.time.monotonic", lambda: later)
    sent = []
    original = near._data.send_command
    monkeypatch.setattr(near._data, "send_command", lambda *args: sent.append(args) or original(*args))
    assert near.read([a]) == [b"1"]
    assert ("MGET", a) in sent


def test_only_so_many_copies_are_kept(redis_client, keys):
    small = NearCache(_factory(), ["near:"], entries=5)
    names = [f"{keys[0]}{i}" for i in range(12)]
    redis_client.mset(dict.fromkeys(names, b"v"))
    for name in names:
        assert small.read([name]) == [b"v"]
        assert len(small._kept) <= 5
    small._reset(retry=False)
    redis_client.delete(*names)


def _listener(near, redis_client):
    return near.listener_id


def _tracked(near, redis_client):
    (tracked,) = [c["id"] for c in redis_client.client_list() if c.get("redir") == str(near.listener_id)]
    return tracked


@pytest.mark.parametrize(
    "connection",
    [_listener, _tracked],
    ids=["the listener (no word of changes would come)", "the tracked one (Redis tracks nothing for it, silently)"],
)
def test_losing_a_connection_drops_every_copy_and_reads_go_to_redis(near, redis_client, keys, connection):
    a, _ = keys
    redis_client.set(a, b"1")
    assert near.read([a]) == [b"1"]
    redis_client.client_kill_filter(_id=connection(near, redis_client))
    redis_client.set(a, b"2")
    assert near.read([a]) is None  # the caller reads Redis itself
    assert near._kept == {}


def test_a_connection_redis_py_closed_is_not_reopened_untracked(near, redis_client, keys):
    a, _ = keys
    redis_client.set(a, b"1")
    assert near.read([a]) == [b"1"]
    near._data.disconnect()  # what redis-py does after an error; its next command would reconnect silently
    redis_client.set(a, b"2")
    assert near.read([a]) == [b"2"]
    redis_client.set(a, b"3")
    assert settled(near, [a]) == [b"3"]  # tracked again


def test_a_redis_that_refuses_tracking_turns_the_near_cache_off(redis_client, keys):
    make = _factory()

    def refusing():
        connection = make()
        send = connection.send_command

        def send_command(*args, **kwargs):
            if args[:2] == ("CLIENT", "TRACKING"):
                args = ("CLIENT", "TRACKING", "NOT-A-MODE")
            return send(*args, **kwargs)

        connection.send_command = send_command
        return connection

    near = NearCache(refusing, ["near:"])
    assert near.read([keys[0]]) is None
    assert near._refused and near._data is None


def test_a_forked_worker_starts_with_no_copies_and_connections_of_its_own(near, redis_client, keys):
    a, _ = keys
    redis_client.set(a, b"1")
    assert near.read([a]) == [b"1"]
    parent = near._data
    near._pid = -1  # as in a child: the parent's connections and copies are not its own
    redis_client.set(a, b"2")
    assert near.read([a]) == [b"2"]
    assert near._data is not parent
    parent.disconnect()


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
    session_key = client.session.session_key
    cached = [key for key in redis_client.keys("*") if session_key.encode() in key]
    assert cached
    # what another process's sign-out does, behind this process's back: the cached session and its row go
    redis_client.delete(*cached)
    Session.objects.filter(session_key=session_key).delete()
    time.sleep(0.02)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
