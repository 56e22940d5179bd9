#!/usr/bin/env python3
"""A signed-in (or anonymous) request's CPU time through Django's WSGI handler, with no server and no network.

Steadier than wrk on a shared machine, and closer to production than the test client: production settings,
the whole middleware stack, a session in the configured store. Reports the best of three runs of N requests,
and the SQL queries and cache commands of one request.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench REDIS_URL=redis://127.0.0.1:6379/6 \\
    SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false LMS_REQUIRE_MFA=false LMS_BENCH_ENDPOINT=1 \\
        python scripts/time_request.py --path /learning/ --requests 300

``--anonymous`` sends no session cookie; ``--drop Name`` leaves out every middleware whose path contains Name
(to see what one costs); ``--profile N`` then prints cProfile's top N functions.
"""

import argparse
import os
import sys
import time
from importlib import import_module
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", default="/bench/ok/")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--email", default="learner@example.org")
    parser.add_argument("--anonymous", action="store_true")
    parser.add_argument("--drop", action="append", default=[])
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="then print cProfile's top N functions")
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not any(name in m for name in args.drop)]

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string

    from lms.auth import HINT_COOKIE

    cookie = f"{settings.LANGUAGE_COOKIE_NAME}=en"
    if not args.anonymous:
        user = get_user_model().objects.get(email=args.email)
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        # as a browser holds them after its first page: the CSRF cookie and the person hint (lms.auth)
        csrf = f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}; {HINT_COOKIE}={user.pk}"
        cookie = f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {cookie}; {csrf}"
    handler = WSGIHandler()
    statuses = []

    def request() -> None:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": args.path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "443",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_COOKIE": cookie,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "https",
            "wsgi.input": BytesIO(b""),
        }
        response = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(response)
        response.close()

    for _ in range(min(300, args.requests)):  # warm the caches, as a running server's are
        request()
    commands = _count_cache_commands()
    queries = []  # counted by a wrapper: Django empties its query log when a request starts

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        request()
    cache_commands = commands()
    runs, cpu = [], []
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            request()
        runs.append((time.perf_counter() - started) / args.requests * 1e6)
        cpu.append((time.process_time() - started_cpu) / args.requests * 1e6)
    if args.profile:
        _profile(request, args.requests, args.profile)
    print(
        f"{args.path}: {statuses[-1]}, {min(runs):.0f} µs a request ({min(cpu):.0f} µs of CPU; "
        f"best of 3 × {args.requests}), "
        f"{len(queries)} SQL queries, {cache_commands} cache commands"
    )


def _profile(request, requests: int, top: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        request()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def _count_cache_commands():
    """Counts Redis commands sent from now on, on any connection (0 when the cache is not Redis)."""
    try:
        from redis.connection import AbstractConnection
    except ImportError:  # pragma: no cover
        return lambda: 0
    counted = [0]
    original = AbstractConnection.send_command

    def send_command(self, *args, **kwargs):
        counted[0] += 1
        return original(self, *args, **kwargs)

    AbstractConnection.send_command = send_command

    def stop() -> int:
        AbstractConnection.send_command = original
        return counted[0]

    return stop


if __name__ == "__main__":
    main()
