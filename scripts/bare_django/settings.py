"""The yardstick for `make bench`: a Django project with one view, no apps, no middleware, no database.

Served by gunicorn exactly as the LMS is (same worker count), so each page's throughput can be read
as a fraction of what Django itself can answer on this machine.
"""

SECRET_KEY = "bare-django-bench-only"  # noqa: S105 (serves one "ok", signs nothing)
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bare_django.urls"
WSGI_APPLICATION = "bare_django.wsgi.application"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True
