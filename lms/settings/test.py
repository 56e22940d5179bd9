"""Tests: fast hashing, in-memory email and cache, plain static storage."""

from .base import *  # noqa: F403
from .base import os

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-at-all-0123456789abcdefghijklmnop"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
if os.environ.get("REDIS_URL"):
    # The live-Redis pass: the production cache and cached sessions, one Redis database per
    # xdist worker (tests clear the cache, and clearing flushes the whole database).
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0"
    _base = (
        os.environ["REDIS_URL"].rsplit("/", 1)[0] if os.environ["REDIS_URL"].count("/") > 2 else os.environ["REDIS_URL"]
    )
    CACHES = {
        "default": {
            "BACKEND": "lms.cache.ResilientRedisCache",
            "LOCATION": f"{_base}/{1 + int(_worker) % 15}",
            # Redis tracks keys by name across its databases (lms.near_cache): each worker names its own
            "KEY_PREFIX": f"lms-test-{_worker}",
            "OPTIONS": REDIS_OPTIONS,  # noqa: F405
        }
    }
    SESSION_ENGINE = "lms.sessions"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405
LMS_REQUIRE_MFA_FOR_ROLES = False  # tests that need it switch it on
LMS_PAGE_CACHE_SECONDS = 0  # tests of the page cache switch it on
LMS_PERSONAL_PAGE_CACHE_SECONDS = 0  # tests of the personal page cache switch it on
