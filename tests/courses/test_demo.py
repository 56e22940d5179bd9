import random

import pytest
from django.utils import timezone

from lms.demo import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_loader_is_idempotent_and_its_pages_answer(client_for, django_capture_on_commit_callbacks):
    from courses import demo
    from courses.models import Certificate, CoursePage, Enrollment, LessonPage
    from home import demo as home_demo
    from home import demo_platform

    def run():
        ctx = DemoContext(rng=random.Random(2024), now=timezone.now())
        demo_platform.load(ctx)
        home_demo.load(ctx)
        ctx.platform_urls = len(ctx.created_urls)
        demo.load(ctx)
        return ctx

    run()
    counts = (CoursePage.objects.count(), LessonPage.objects.count(), Enrollment.objects.count())
    ctx = run()
    assert (CoursePage.objects.count(), LessonPage.objects.count(), Enrollment.objects.count()) == counts
    assert CoursePage.objects.count() >= 6
    learner = ctx.users["learner"]
    assert Certificate.objects.filter(enrollment__user=learner).count() == 1
    assert Enrollment.objects.filter(user=learner, completed_at__isnull=True).count() >= 2
    from courses.models import SeminarIndexPage, SeminarRegistration

    assert SeminarIndexPage.objects.get().url == "/seminars/"
    assert SeminarRegistration.objects.filter(status="waitlisted").exists()
    assert SeminarRegistration.objects.filter(attended=True).exists()
    for url, role in ctx.created_urls[ctx.platform_urls :]:
        client = client_for(ctx.users[role] if role else None)
        # Users who prefer Japanese are sent to the /ja/ version of the page first.
        assert client.get(url, follow=True).status_code == 200, (url, role)
