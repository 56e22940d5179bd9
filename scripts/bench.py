#!/usr/bin/env python3
"""make bench: the production setup on the scale data, measured with wrk on 127.0.0.1.

Builds (once) a PostgreSQL database with the demo and the scale data, serves it with
gunicorn + WhiteNoise + Redis like production, and measures each page's requests per
second and p50/p99 latency against two yardsticks: bare Django (scripts/bare_django, one
view, no middleware, served by gunicorn with the same workers) and a bare view through
the project's middleware (the ceiling). Writes docs/benchmarks.md.
"""

import json
import os
import platform
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8766"))
DB = os.environ.get("BENCH_DB", "lms_bench")
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 2) * 2)))
SCALE = [
    "--organizations",
    "500",
    "--learners",
    "20000",
    "--courses",
    "100",
    "--seminars",
    "300",
    "--advisors",
    "50",
    "--study-groups",
    "20",
    "--first-organization-members",
    "1000",
]

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "bench-" + secrets.token_hex(32),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "REDIS_URL": "redis://127.0.0.1:6379/6",
    "TASKS_BACKEND": "database",
    "SECURE_SSL_REDIRECT": "false",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LMS_REQUIRE_MFA": "false",
    "LMS_BENCH_ENDPOINT": "1",
    "LOG_LEVEL": "WARNING",
}


def manage(*args, capture=False):
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True, text=True, capture_output=capture)


def ensure_data():
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{DB}'"],
        capture_output=True,
        text=True,
    )
    fresh = os.environ.get("BENCH_FRESH") == "1"
    if fresh and exists.stdout.strip():
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    if fresh or not exists.stdout.strip():
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    manage("migrate", "--noinput", capture=True)
    count = (
        manage("shell", "-c", "from organizations.models import User; print(User.objects.count())", capture=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    if int(count) < 20000:
        started = time.monotonic()
        manage("load_demo_data", capture=True)
        manage("load_scale_data", *SCALE)
        print(f"scale data loaded in {time.monotonic() - started:.0f}s")
    manage("rebuild_search_index", capture=True)  # the index follows the code being measured
    manage("collectstatic", "--noinput", capture=True)
    subprocess.run(["redis-cli", "-n", "6", "flushdb"], capture_output=True)


def wrk(path, cookie, port=PORT):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            f"Cookie: {cookie}",
            "-H",
            "X-Forwarded-Proto: https",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, lat.get("50", "?"), lat.get("99", "?"), int(errors.group(1)) if errors else 0


def single_request_ms(path, cookie, cold=False) -> float:
    """Median of five sequential requests: the latency one person sees on an idle server.

    Cold: Redis is emptied before each request (pages, outlines, users and versions all rebuilt;
    sessions fall back to the database), as after a deploy or an eviction.
    """
    timings = []
    for _ in range(5):
        if cold:
            subprocess.run(["redis-cli", "-n", "6", "flushdb"], capture_output=True)
        request = urllib.request.Request(
            f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie, "X-Forwarded-Proto": "https"}
        )
        started = time.perf_counter()
        urllib.request.urlopen(request, timeout=30).read()
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)[2]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def wait_for(url):
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)


def bare_django_rps() -> float:
    """Requests per second of a view returning "ok" in a project with no middleware, alone on the machine."""
    port = PORT + 1
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "bare_django.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT / "scripts",
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bare_django.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        rps, p50, p99, _ = wrk("/", "x=1", port=port)
        print(f"{'bare Django (no middleware)':<45} {rps:8.1f} req/s  p50 {p50:>8}  p99 {p99:>8}")
        return rps
    finally:
        server.terminate()
        server.wait()


def main():
    ensure_data()
    # Bare Django's rate moves with whatever else the machine is doing (a checkpoint after loading the data,
    # say), and every share is measured against it: so it is measured before and after the pages, and the
    # shares use the mean of the two.
    bare_before = bare_django_rps()
    setup = manage("shell", "-c", (ROOT / "scripts" / "bench_setup.py").read_text(), capture=True).stdout
    pages = json.loads(setup.strip().splitlines()[-1])
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "lms.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{PORT}/health/")
        rows = []
        for page in pages:
            cold = single_request_ms(page["path"], page["cookie"], cold=True)
            single = single_request_ms(page["path"], page["cookie"])
            rps, p50, p99, errors = wrk(page["path"], page["cookie"])
            rows.append({**page, "rps": rps, "p50": p50, "p99": p99, "errors": errors, "single": single, "cold": cold})
            print(
                f"{page['name']:<45} {rps:8.1f} req/s  p50 {p50:>8}  p99 {p99:>8}  "
                f"{page['queries']:>3} queries  {page['gzip_bytes']:>7} B gz  errors {errors}"
            )
    finally:
        server.terminate()
        server.wait()
    bare_after = bare_django_rps()
    bare = (bare_before + bare_after) / 2
    ceiling = rows[0]["rps"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        f"Machine: {machine()}. gunicorn with {WORKERS} sync workers serving `lms.wsgi` with production settings,",
        "PostgreSQL and Redis on the same machine, wrk on 127.0.0.1 with "
        f"2 threads and {CONNECTIONS} connections for {DURATION} s per page.",
        "Data: the demo plus `load_scale_data " + " ".join(SCALE) + "`.",
        "",
        "Bare Django (scripts/bare_django: one view, no middleware, same gunicorn workers): "
        f"{bare:.1f} req/s, the mean of {bare_before:.1f} before the pages and {bare_after:.1f} after them.",
        "",
        "| page | status | req/s | % of bare Django | % of ceiling | p50 | p99 | single request, warm (cold) "
        "| SQL queries, warm (cold) | bytes (gzip) | non-2xx |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['status']} | {row['rps']:.1f} | {100 * row['rps'] / bare:.1f}% | "
            f"{100 * row['rps'] / ceiling:.1f}% | "
            f"{row['p50']} | {row['p99']} | {row['single']:.0f} ms ({row['cold']:.0f} ms) | "
            f"{row['queries']} ({row['cold_queries']}) | "
            f"{row['bytes']} ({row['gzip_bytes']}) | {row['errors']} |"
        )
    lines += [
        "",
        "Targets, as a share of bare Django: the ceiling signed in at least 45%; anonymous `/advisors/` and an",
        "advisor page at least 30%; the signed-in lesson page at least 8%; `/learning/`, `/dashboard/` and an",
        "advisor page (signed in) at least 5%. At most 12 SQL queries per page, constant as data grows; the",
        "organization dashboard for 1,000 members under 150 ms for a single request.",
        "",
    ]
    (ROOT / "docs").mkdir(exist_ok=True)
    target = ROOT / "docs" / "benchmarks.md"
    # Sections written by hand after the table (the request profile) are kept.
    previous = target.read_text() if target.exists() else ""
    kept = previous[previous.find("\n## ") :] if "\n## " in previous else ""
    target.write_text("\n".join(lines) + kept)
    print("wrote docs/benchmarks.md")


if __name__ == "__main__":
    sys.exit(main())
