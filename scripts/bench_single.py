"""Run inside `manage.py shell`: queries and single-request times of the signed-in bench pages, no load test.

Uses the same pages and users as scripts/bench_setup.py, through the test client (in process, so the
times leave out gunicorn and the network). Each page is requested once to warm the caches, then
counted, then timed; COLD=1 clears the whole cache (use a cache of its own, never a shared one) before
each counted and timed request. E.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench DJANGO_SETTINGS_MODULE=lms.settings.production \\
        SECRET_KEY=x ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=false LMS_REQUIRE_MFA=false \\
        REPEAT=21 .venv/bin/python manage.py shell -c "$(cat scripts/bench_single.py)"
"""

import os
import statistics
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.models import Enrollment, LessonPage
from organizations.models import Membership, Organization, User

cold = os.environ.get("COLD") == "1"
repeat = int(os.environ.get("REPEAT", "7"))

learner = User.objects.get(email="learner@example.org")
enrollment = Enrollment.objects.filter(user=learner, completed_at__isnull=True).select_related("course").first()
lesson = (
    LessonPage.objects.live().child_of(enrollment.course).first() if enrollment else LessonPage.objects.live().first()
)
largest = Organization.objects.annotate(n=Count("memberships")).order_by("-n").first()
manager = Membership.objects.filter(organization=largest, role="manager").select_related("user").first().user
pages = [
    ("lesson page (signed-in learner)", lesson.url, learner),
    ("/learning/ (signed-in learner)", "/learning/", learner),
    (f"organization dashboard ({largest.n} members)", f"/organizations/{largest.slug}/progress/", manager),
]

for name, path, user in pages:
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    client.get(path)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    count = len(queries.captured_queries)  # read now: later requests may reset the connection's log
    timings = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"{name:<42} {response.status_code}  {count:3d} queries  median {statistics.median(timings):6.1f} ms  "
        f"min {min(timings):6.1f} ms  {len(response.content)} B"
    )
