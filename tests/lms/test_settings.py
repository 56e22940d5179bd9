"""Every settings module loads, and production refuses to start without secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "-production-like-secret-key-for-the-deploy-check",
    "ALLOWED_HOSTS": "lms.example.org",
    "DATABASE_URL": "sqlite:////tmp/lms-deploy-check.sqlite3",
}


def run(args, env_extra, settings_module):
    ignored = {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(env_extra)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("module", ["lms.settings.dev", "lms.settings.test", "lms.settings.production"])
def test_settings_module_loads(module):
    code = "import django; django.setup(); from django.conf import settings; print(settings.TIME_ZONE)"
    result = run(["-c", code], PRODUCTION_ENV, module)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Asia/Tokyo"


def test_base_settings_are_safe_by_default():
    code = "from lms.settings import base; print(base.DEBUG, base.ALLOWED_HOSTS, base.LANGUAGE_CODE)"
    result = run(["-c", code], {}, "lms.settings.base")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False [] en"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_requires_secret_and_hosts(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run(["-c", "import django; django.setup()"], env, "lms.settings.production")
    assert result.returncode != 0
    assert missing in result.stderr


def test_check_deploy_is_clean_for_production():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, "lms.settings.production"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_redis_url_selects_the_redis_cache():
    code = (
        "from django.conf import settings; import django; django.setup(); print(settings.CACHES['default']['BACKEND'])"
    )
    result = run(["-c", code], {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"}, "lms.settings.production")
    assert result.stdout.strip() == "lms.cache.ResilientRedisCache"


def test_database_tasks_backend_is_selectable():
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    )
    result = run(["-c", code], {**PRODUCTION_ENV, "TASKS_BACKEND": "database"}, "lms.settings.production")
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"


def test_production_caches_templates_and_sessions():
    """Compiled templates are kept between requests, and sessions live in Redis with the database behind."""
    code = (
        "import django; django.setup(); from django.conf import settings; from django.template import engines; "
        "print([type(loader).__module__ for loader in engines['django'].engine.template_loaders]); "
        "print(settings.SESSION_ENGINE); print(settings.MIDDLEWARE)"
    )
    result = run(["-c", code], {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"}, "lms.settings.production")
    loaders, session_engine, middleware = result.stdout.strip().splitlines()
    assert loaders == "['django.template.loaders.cached']"
    assert session_engine == "lms.sessions"
    assert "lms.auth.CachedAuthenticationMiddleware" in middleware
