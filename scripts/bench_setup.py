"""Run inside `manage.py shell`: pick the benchmark pages, sign in their users, count queries and bytes.

Prints one JSON document on the last line for scripts/bench.py.
"""

import gzip
import json
from importlib import import_module
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext

from advisors.models import AdvisorProfile
from courses.models import CoursePage, Enrollment, LessonPage
from lms.auth import HINT_COOKIE
from organizations.models import CapacityArea, Membership, Organization, User
from policies.selectors import outdated_policies
from policies.services import consent_record
from studygroups.models import Thread


def session_cookie(user) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()  # cached_db with Redis, as in production
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    # a browser holds the CSRF cookie and the person hint (lms.auth) from its first page on
    return (
        f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.LANGUAGE_COOKIE_NAME}=en; "
        f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}; {HINT_COOKIE}={user.pk}"
    )


learner = User.objects.get(email="learner@example.org")
enrollment = Enrollment.objects.filter(user=learner, completed_at__isnull=True).select_related("course").first()
lesson = (
    LessonPage.objects.live().child_of(enrollment.course).first() if enrollment else LessonPage.objects.live().first()
)
course = CoursePage.objects.live().first()
advisor = AdvisorProfile.objects.filter(user__email="advisor@example.org").first() or AdvisorProfile.objects.first()
thread = Thread.objects.select_related("group").order_by("-pk").first()
thread_user = thread.group.memberships.filter(status="active").select_related("user").first().user
area = CapacityArea.objects.canonical().first()
largest = Organization.objects.annotate(n=Count("memberships")).order_by("-n").first()
manager = Membership.objects.filter(organization=largest, role="manager").select_related("user").first().user

pages = [
    {"name": "ceiling: bare view through the middleware", "path": "/bench/ok/", "user": None},
    {"name": "ceiling, signed in (learner)", "path": "/bench/ok/", "user": learner},
    {"name": "home page (anonymous, cached)", "path": "/", "user": None},
    {"name": "course page (anonymous, cached)", "path": course.url, "user": None},
    {"name": "lesson page (signed-in learner)", "path": lesson.url, "user": learner},
    {"name": "/learning/ (signed-in learner)", "path": "/learning/", "user": learner},
    {"name": "/dashboard/ (signed-in learner)", "path": "/dashboard/", "user": learner},
    {"name": "advisor page with slots (learner)", "path": f"/advisors/{advisor.slug}/", "user": learner},
    {"name": "advisor directory (anonymous, cached)", "path": "/advisors/", "user": None},
    {"name": "advisor page with slots (anonymous, cached)", "path": f"/advisors/{advisor.slug}/", "user": None},
    {"name": "study group thread (member)", "path": thread.get_absolute_url(), "user": thread_user},
    {"name": "search, 300+ matches (anonymous)", "path": "/search/?q=seminar", "user": None},
    {"name": "search in English (anonymous)", "path": "/search/?q=evaluation", "user": None},
    {"name": "search in Japanese (anonymous)", "path": "/ja/search/?q=" + quote("研修"), "user": None},
    {
        "name": "search by kind and area (learner)",
        "path": f"/search/?q=accounting&kind=course&area={area.pk}",
        "user": learner,
    },
    {
        "name": f"organization dashboard ({largest.n} members)",
        "path": f"/organizations/{largest.slug}/progress/",
        "user": manager,
    },
]

for page in pages:
    user = page.pop("user")
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        outdated = outdated_policies(user)
        if outdated:  # a scale user has never signed in: consent as they would at their first sign-in
            consent_record(user=user, policies=outdated)
        client.force_login(user)
    client.get(page["path"])  # warm caches as the server will be
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page["path"])
    page["status"] = response.status_code
    page["queries"] = len(queries.captured_queries)
    cache.clear()  # every cache empty, as after a deploy: what the page costs before anything is kept
    with CaptureQueriesContext(connection) as queries:
        client.get(page["path"])
    page["cold_queries"] = len(queries.captured_queries)
    page["bytes"] = len(response.content)
    page["gzip_bytes"] = len(gzip.compress(response.content))
    page["cookie"] = session_cookie(user) if user is not None else f"{settings.LANGUAGE_COOKIE_NAME}=en"

print(json.dumps(pages))
