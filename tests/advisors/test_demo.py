import io
import random
from contextlib import redirect_stdout

import pytest
from django.apps import apps
from django.utils import timezone

import home.demo
import home.demo_platform
from advisors import demo as advisors_demo
from advisors.models import AdvisorProfile, Consultation, OutreachRequest
from lms.demo import DemoContext


def counts():
    return {model._meta.label: model.objects.count() for model in apps.get_app_config("advisors").get_models()}


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_every_page_answers(client_for):
    ctx = DemoContext(rng=random.Random(2024), now=timezone.now())
    with redirect_stdout(io.StringIO()):
        home.demo_platform.load(ctx)
        home.demo.load(ctx)
    advisors_demo.load(ctx)
    first = counts()
    advisors_demo.load(ctx)
    assert counts() == first, "a second run created duplicates"

    advisors = AdvisorProfile.objects.all()
    assert advisors.count() >= 6
    assert advisors.filter(user=ctx.users["advisor"]).exists()
    assert advisors.exclude(time_zone="Asia/Tokyo").exists()
    assert len({a.region_id for a in advisors}) >= 6
    now = timezone.now()
    assert Consultation.objects.filter(start__lt=now, status="completed", record__isnull=False).count() >= 5
    assert Consultation.objects.filter(feedback__isnull=False).count() >= 4
    assert Consultation.objects.filter(start__gt=now, status="pending").exists()
    assert Consultation.objects.filter(start__gt=now, status="confirmed").exists()
    assert OutreachRequest.objects.filter(status="reported").exists()

    urls = [(u, r) for u, r in ctx.created_urls if u.startswith(("/advisors/", "/consultations/"))]
    assert len(urls) > 15
    for url, role in urls:
        client = client_for(ctx.users[role] if role else None)
        assert client.get(url, follow=True).status_code == 200, (url, role)
