"""Local development: debug on, emails to the console, any local host."""

from .base import *  # noqa: F403
from .base import env_bool, os

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"] + ALLOWED_HOSTS  # noqa: F405
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
LMS_REQUIRE_MFA_FOR_ROLES = env_bool("LMS_REQUIRE_MFA", False)  # demo logins work without TOTP
LMS_PAGE_CACHE_SECONDS = int(os.environ.get("LMS_PAGE_CACHE_SECONDS", "0"))  # templates change while developing
LMS_PERSONAL_PAGE_CACHE_SECONDS = int(os.environ.get("LMS_PERSONAL_PAGE_CACHE_SECONDS", "0"))
