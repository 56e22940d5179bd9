#!/usr/bin/env python3
"""Where a signed-in request's time goes, middleware by middleware: no load test, no server.

Runs N requests through Django's test client (in process) as one signed-in learner and reports, for each
middleware, its own time per request (time inside it minus time inside the layers below), and its SQL
queries and cache calls; then cProfile's top functions. Stable on a busy machine, unlike wrk.

    python scripts/profile_request.py                      # /bench/ok/, 300 requests, a fresh SQLite file
    python scripts/profile_request.py --path /learning/ --requests 100
    REDIS_URL=redis://127.0.0.1:6379/7 python scripts/profile_request.py   # cache and sessions in Redis

With DATABASE_URL it reads that database (using learner@example.org when present); without it, it
builds a throwaway SQLite database under /tmp first (a minute or two of migrations).
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ["LMS_BENCH_ENDPOINT"] = "1"
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.gettempdir()) / 'lms-profile-request.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

ORIGINAL = list(settings.MIDDLEWARE)
inclusive = defaultdict(float)  # seconds inside each layer, including the layers below it
queries_in = defaultdict(int)
cache_in = defaultdict(int)
cache_calls = [0]


class _Innermost:
    """Times Django's own part below the last middleware: URL resolving and the view."""

    def __init__(self, index, get_response):
        self.index, self.get_response = index, get_response

    def __call__(self, request):
        started, queries, calls = time.perf_counter(), len(connection.queries), cache_calls[0]
        try:
            return self.get_response(request)
        finally:
            inclusive[self.index] += time.perf_counter() - started
            queries_in[self.index] += len(connection.queries) - queries
            cache_in[self.index] += cache_calls[0] - calls


class _Timed:
    """Wraps one middleware, passing Django's hooks (process_view and the like) through."""

    def __init__(self, index, get_response):
        self.index = index
        if index == len(ORIGINAL) - 1:
            get_response = _Innermost(len(ORIGINAL), get_response)
        self.inner = import_string(ORIGINAL[index])(get_response)

    def __call__(self, request):
        started, queries, calls = time.perf_counter(), len(connection.queries), cache_calls[0]
        try:
            return self.inner(request)
        finally:
            inclusive[self.index] += time.perf_counter() - started
            queries_in[self.index] += len(connection.queries) - queries
            cache_in[self.index] += cache_calls[0] - calls

    def __getattr__(self, name):
        return getattr(self.inner, name)


for _index in range(len(ORIGINAL)):
    globals()[f"timed_{_index}"] = (lambda i: lambda get_response: _Timed(i, get_response))(_index)


def _count_cache_calls():
    backend = type(caches["default"])
    for name in ("get", "get_many", "set", "set_many", "add", "incr", "delete", "has_key", "touch"):
        original = getattr(backend, name)

        def counted(self, *args, _original=original, **kwargs):
            cache_calls[0] += 1
            return _original(self, *args, **kwargs)

        setattr(backend, name, counted)


def _learner():
    from organizations.factories import UserFactory
    from organizations.models import User

    user = User.objects.filter(email="learner@example.org").first()
    return (
        user
        or User.objects.filter(email="profile-learner@example.org").first()
        or UserFactory(email="profile-learner@example.org", preferred_language="en")
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/bench/ok/")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--sort", default="tottime", help="pstats order: tottime, cumulative, ...")
    parser.add_argument("--only", default="", help="show only functions whose file path contains this")
    args = parser.parse_args()

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        call_command("migrate", verbosity=0)
    redis = os.environ.get("REDIS_URL")
    overrides = {
        "MIDDLEWARE": [f"__main__.timed_{i}" for i in range(len(ORIGINAL))],
        "ROOT_URLCONF": "lms.urls",
        "DEBUG": True,  # so connection.queries records
        "SESSION_ENGINE": "lms.sessions",
    }
    if redis:
        overrides["CACHES"] = {"default": {"BACKEND": "lms.cache.ResilientRedisCache", "LOCATION": redis}}
    with override_settings(**overrides):
        _count_cache_calls()
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(_learner())
        first = client.get(args.path)
        for _ in range(5):
            client.get(args.path)  # warm: the session, the user and the page caches
        inclusive.clear(), queries_in.clear(), cache_in.clear()
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.requests):
            reset_queries()
            client.get(args.path)
        profiler.disable()
        total = time.perf_counter() - started

    n = args.requests
    print(f"{args.path}: status {first.status_code}, {n} requests, {1000 * total / n:.2f} ms each (test client)\n")
    print("| middleware | own time per request | SQL queries | cache calls |")
    print("|---|---|---|---|")
    for i, path in enumerate(ORIGINAL):
        own = inclusive[i] - inclusive[i + 1]
        queries = queries_in[i] - queries_in[i + 1]
        calls = cache_in[i] - cache_in[i + 1]
        print(f"| `{path.rsplit('.', 1)[-1]}` | {1e6 * own / n:.0f} µs | {queries / n:.1f} | {calls / n:.1f} |")
    last = len(ORIGINAL)
    print(
        f"| (URL resolving and the view) | {1e6 * inclusive[last] / n:.0f} µs | {queries_in[last] / n:.1f} "
        f"| {cache_in[last] / n:.1f} |"
    )
    print(f"| (the test client and Django's handler around it) | {1e6 * (total - inclusive[0]) / n:.0f} µs | | |")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
    stats.print_stats(*([args.only] if args.only else []), args.top)
    print("\n" + "\n".join(line for line in out.getvalue().splitlines() if line.strip())[-6000:])


if __name__ == "__main__":
    main()
