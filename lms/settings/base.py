"""Settings shared by every environment.

Everything that differs between machines is read from the environment, and the
defaults are the safe ones (DEBUG off, no hosts allowed), so a forgotten variable
never opens the site up.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "lms",
    "organizations",
    "courses",
    "advisors",
    "studygroups",
    "placements",
    "progress",
    "privacy",
    "home",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "policies",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "lms.auth.CachedAuthenticationMiddleware",
    "lms.middleware.LanguagePreferenceMiddleware",
    "lms.page_cache.AnonymousPageCacheMiddleware",
    "lms.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lms.middleware.RequireMFAForRolesMiddleware",
    "policies.middleware.ConsentRequiredMiddleware",
    "lms.personal_cache.PersonalPageCacheMiddleware",
    "lms.sites.SiteMiddleware",  # after the page caches: a page from them needs no site
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.csp.SiteCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite file unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Sessions and the signed-in person, kept in each process too and dropped as soon as Redis reports a change
# (lms.near_cache); 0 turns the copies off.
LMS_NEAR_CACHE_SECONDS = float(os.environ.get("LMS_NEAR_CACHE_SECONDS", "30"))
REDIS_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}
if LMS_NEAR_CACHE_SECONDS > 0:
    REDIS_OPTIONS["near"] = {
        "prefixes": ("django.contrib.sessions.cached_db", "auth-user:"),
        "entries": 5000,
        "seconds": LMS_NEAR_CACHE_SECONDS,
    }
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lms",
            "OPTIONS": REDIS_OPTIONS,
        }
    }
    SESSION_ENGINE = "lms.sessions"  # Django's cached_db, reading the person with the session (lms.auth)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks: run in the request unless the database backend is chosen.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: email is the login, verified before first use.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "organizations.adapters.AccountAdapter"
# Sign-up asks for the name, language, time zone and consent to the current policies.
ACCOUNT_SIGNUP_FORM_CLASS = "organizations.signup.SignupForm"
# allauth's subjects carry the programme's name (the adapter translates it), never the host's.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[NGO Capacity Building] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Privileged roles must enrol in TOTP before reaching their tools (on in production).
LMS_REQUIRE_MFA_FOR_ROLES = env_bool("LMS_REQUIRE_MFA", True)
# The Wagtail admin signs in through allauth, so its rate limits and MFA apply there too.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_TOTP_ISSUER = "NGO Capacity Building LMS"
MFA_FORMS = {"activate_totp": "organizations.mfa.ActivateTOTPOnceForm"}

# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese"))]
LOCALE_PATHS = [Path(os.environ.get("LMS_LOCALE_DIR", BASE_DIR / "locale"))]
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lms_language"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
LANGUAGE_COOKIE_SAMESITE = "Lax"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# S3-compatible storage through django-storages (credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, read by boto3). Private uploads use lms.storage, never this default.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_PRIVATE_STORAGE_BUCKET_NAME = os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
LMS_UPLOAD_MAX_BYTES = int(os.environ.get("LMS_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))

# Email
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "NGO Capacity Building <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "NGO Capacity Building LMS"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
SITE_URL = WAGTAILADMIN_BASE_URL

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content Security Policy (django-csp 4). The site's pages get CONTENT_SECURITY_POLICY; the Wagtail
# admin gets LMS_ADMIN_CONTENT_SECURITY_POLICY through lms.csp.SiteCSPMiddleware (README lists why
# each of its directives is needed).
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https:"],
        "media-src": [SELF, "https:"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# The admin's avatars come from our own storage, never from Gravatar (a third-party request per page).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LMS_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "https:"],
        "media-src": [SELF, "https:"],
        "frame-src": [SELF, *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s message=%(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Seconds a public page is cached for anonymous visitors (0 turns it off).
LMS_PAGE_CACHE_SECONDS = int(os.environ.get("LMS_PAGE_CACHE_SECONDS", "300"))
# Signed-in pages kept per session (lms.personal_cache): how late others' changes may show on them.
LMS_PERSONAL_PAGE_CACHE_SECONDS = int(os.environ.get("LMS_PERSONAL_PAGE_CACHE_SECONDS", "60"))

# Exposes /bench/ok/ for `make bench` only.
LMS_BENCH_ENDPOINT = env_bool("LMS_BENCH_ENDPOINT", False)

# Programme rules
LMS_DEFAULT_TIME_ZONE = TIME_ZONE
LMS_INVITATION_DAYS = 14

# Personal data: grace period before an erasure, life of a data download, and how long private
# files are kept after their purpose ends (see README, "Personal data").
LMS_ERASURE_GRACE_DAYS = int(os.environ.get("LMS_ERASURE_GRACE_DAYS", "14"))
LMS_DATA_EXPORT_DAYS = int(os.environ.get("LMS_DATA_EXPORT_DAYS", "7"))
LMS_RETENTION_BOOKING_ATTACHMENT_DAYS = int(os.environ.get("LMS_RETENTION_BOOKING_ATTACHMENT_DAYS", "365"))
LMS_RETENTION_CV_DAYS = int(os.environ.get("LMS_RETENTION_CV_DAYS", "365"))
LMS_RETENTION_CLOSED_GROUP_DOCUMENT_DAYS = int(os.environ.get("LMS_RETENTION_CLOSED_GROUP_DOCUMENT_DAYS", "730"))
PLACEMENT_MIN_MONTHS = 5
PLACEMENT_WINDOW_START_MONTH = 6
PLACEMENT_WINDOW_END_MONTH = 3
