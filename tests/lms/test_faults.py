"""Real outages: the site under production settings, served by gunicorn, with its database or its
cache unreachable (a closed port).

- Database down: pages answer the plain error page (500) or, for the health check, 503; never a
  traceback, settings, or the driver's message.
- Redis down: pages still answer and people can sign in (the cache degrades, sessions and rate
  limits fall back to the database); the health check says 503.

The Redis test needs a real database the server process can reach, so it runs in the PostgreSQL
pass against the test database (``@pytest.mark.postgres``).
"""

import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CLOSED = "127.0.0.1:1"  # nothing listens on port 1
LEAKS = ["Traceback", "django", "psycopg", "OperationalError", "redis", "settings", CLOSED, "SECRET_KEY"]
PAGES = ["/", "/courses/", "/organizations/", "/advisors/", "/study-groups/", "/accounts/login/", "/search/?q=x"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(tmp_path, **env):
    """gunicorn serving lms.wsgi with production settings and ``env``; yields the base URL."""
    port = _free_port()
    secret = "fault-test-" + secrets.token_hex(24)
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.lms.fault_settings",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LMS_REQUIRE_MFA": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "CRITICAL",
        **env,
    }
    log = (tmp_path / "server.log").open("w")
    # ``-m``: the venv's own interpreter, whatever the gunicorn script's shebang says (a copied venv keeps the old one).
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lms.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(base + "/health/", timeout=30)
                break
            except requests.ConnectionError:
                assert process.poll() is None, (tmp_path / "server.log").read_text()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        yield base, secret
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def get(base, path, **kwargs):
    headers = {"X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
    return requests.get(base + path, headers=headers, allow_redirects=False, timeout=20, **kwargs)


def assert_plain(response, secret):
    body = response.text
    for leak in [*LEAKS, secret]:
        assert leak.lower() not in body.lower(), f"{response.url} shows {leak!r}"


def test_database_down_gives_the_plain_error_page(tmp_path):
    with serve(tmp_path, DATABASE_URL=f"postgres://postgres@{CLOSED}/nope", DB_CONN_MAX_AGE="0") as (base, secret):
        health = get(base, "/health/")
        assert health.status_code == 503 and health.json()["database"] == "error"
        assert_plain(health, secret)
        for path in PAGES:
            response = get(base, path)
            assert response.status_code in (200, 500, 503), (path, response.status_code)
            assert_plain(response, secret)
            if response.status_code >= 500:
                assert "Something went wrong" in response.text, path
        assert get(base, "/").status_code == 500  # the home page is a Wagtail page: it needs the database
        response = requests.post(
            base + "/accounts/login/",
            data={"login": "a@example.org", "password": "x"},
            headers={"X-Forwarded-Proto": "https"},
            allow_redirects=False,
            timeout=20,
        )
        assert response.status_code in (403, 500, 503)  # no CSRF cookie could be issued: refused either way
        assert_plain(response, secret)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_redis_down_pages_answer_and_people_sign_in(tmp_path):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from organizations.factories import UserFactory

    user = UserFactory(email="redis-down@example.org")
    # The server runs production's hashers; the test settings' fast one is not among them.
    user.password = PBKDF2PasswordHasher().encode("a-Long-pass-2024!", PBKDF2PasswordHasher().salt())
    user.save()
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    with serve(tmp_path, DATABASE_URL=database_url, REDIS_URL=f"redis://{CLOSED}/0") as (base, secret):
        health = get(base, "/health/")
        assert health.status_code == 503 and health.json() == {"database": "ok", "cache": "error", "status": "error"}
        for path in PAGES:
            response = get(base, path)
            assert response.status_code in (200, 302, 404), (path, response.status_code)  # no demo pages here
            assert_plain(response, secret)
        login_page = get(base, "/accounts/login/")
        token = login_page.cookies["csrftoken"]
        response = requests.post(
            base + "/accounts/login/",
            data={"login": user.email, "password": "a-Long-pass-2024!", "csrfmiddlewaretoken": token},
            headers={
                "X-Forwarded-Proto": "https",
                "Cookie": f"csrftoken={token}",
                "Referer": f"https://127.0.0.1:{base.rsplit(':', 1)[1]}/accounts/login/",
            },
            allow_redirects=False,
            timeout=20,
        )
        assert response.status_code in (302, 503), response.status_code
        if response.status_code == 302:
            session = response.cookies["sessionid"]
            profile = get(base, "/accounts/profile/", headers={"Cookie": f"sessionid={session}"})
            assert profile.status_code == 200  # signed in: the profile asks anonymous people to log in
        else:
            assert_plain(response, secret)
