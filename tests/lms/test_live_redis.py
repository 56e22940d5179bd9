"""With Redis up (the CI pass with REDIS_URL): the cache, sessions, rate limits and page cache live in Redis.

The same features with Redis down are tested in ``test_faults.py`` (a closed port) and by the
rest of the suite (local memory).
"""

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    client.ping()
    return client


def _keys(redis_client, fragment: str) -> list[bytes]:
    return [key for key in redis_client.keys("*") if fragment.encode() in key]


def test_the_cache_is_the_live_redis(redis_client):
    assert settings.CACHES["default"]["BACKEND"] == "lms.cache.ResilientRedisCache"
    cache.set("probe", {"n": 1}, 60)
    assert cache.get("probe") == {"n": 1}
    assert _keys(redis_client, "probe")


def test_one_redis_client_serves_every_operation(monkeypatch):
    """Django's backend built a client per operation; its constructor cost more than the round trip."""
    import redis

    built = []
    original = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    cache.get("warm-up")  # the one client, built on first use
    monkeypatch.setattr(redis.Redis, "__init__", counting)
    cache.set("probe-many", 1, 60)
    for _ in range(20):
        assert cache.get("probe-many") == 1
    cache.delete("probe-many")
    assert built == []


def test_sessions_are_cached_in_redis(client, user, redis_client):
    assert settings.SESSION_ENGINE == "lms.sessions"
    client.post(reverse("account_login"), {"login": user.email, "password": "demo-pass-2024"})
    assert "_auth_user_id" in client.session
    assert _keys(redis_client, client.session.session_key)


def test_rate_limits_count_in_redis(client, user, redis_client):
    cache.clear()
    for _ in range(6):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    assert b"Too many failed login attempts" in response.content or response.status_code == 429
    assert _keys(redis_client, "login_failed")


def test_the_page_cache_is_shared_through_redis(client, home_page, settings, redis_client):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert redis_client.dbsize() > 0


@pytest.fixture
def sent_commands(monkeypatch):
    """Every command sent to Redis from now on, on any connection (the near cache's own included)."""
    import redis.connection

    commands = []
    original = redis.connection.AbstractConnection.send_command

    def counted(self, *args, **kwargs):
        commands.append(args[0])
        return original(self, *args, **kwargs)

    def start():
        monkeypatch.setattr(redis.connection.AbstractConnection, "send_command", counted)
        return commands

    return start


def sent_by(commands, request, expected, attempts=10) -> bool:
    """Whether ``request`` can send just ``expected`` to Redis. Another test worker's FLUSHDB (each test starts
    with one) retires every process's near copies, so a single try could see them read again."""
    for _ in range(attempts):
        commands.clear()
        request()
        if commands == expected:
            return True
    return False


@pytest.mark.urls("tests.lms.bench_urls")
def test_a_signed_in_request_reads_its_session_and_person_in_one_redis_command(client, user, sent_commands):
    """One MGET the first time; after that the process's copies (lms.near_cache) answer with no command."""
    client.force_login(user)
    assert client.get("/bench/ok/").status_code == 200  # sets the person hint
    time.sleep(0.05)  # Redis's notices of the sign-in's writes arrive
    cache._cache.near.read([cache.make_key("auth-user:")])  # and are read
    cache._cache.near.drop()
    commands = sent_commands()
    assert client.get("/bench/ok/").content == b"ok"
    assert [c for c in commands if c != "PING"] == ["MGET"]  # a PING: notices came (another worker's FLUSHDB)
    assert sent_by(commands, lambda: client.get("/bench/ok/"), [])


def test_a_kept_signed_in_page_is_one_more_redis_command(client, member, settings, sent_commands):
    settings.LMS_PERSONAL_PAGE_CACHE_SECONDS = 60
    client.force_login(member)
    client.get("/dashboard/")  # the CSRF cookie and the hint
    assert client.get("/dashboard/")["X-Page-Cache"] == "personal miss"
    commands = sent_commands()

    def kept():
        assert client.get("/dashboard/")["X-Page-Cache"] == "personal hit"

    assert sent_by(commands, kept, ["MGET"])  # the page and its versions; the session and person: the copies
