import random

from django.test import Client
from django.utils import timezone

from lms.demo import DemoContext
from placements.models import Placement, PlacementReportPage, Report


def _load():
    from home import demo, demo_platform
    from placements import demo as placements_demo

    ctx = DemoContext(rng=random.Random(2024), now=timezone.now())
    demo_platform.load(ctx)
    demo.load(ctx)
    placements_demo.load(ctx)
    return ctx


def test_demo_is_idempotent_and_every_page_answers(db):
    _load()
    ctx = _load()
    assert Placement.objects.filter(state=Placement.State.COMPLETED).count() == 1
    assert Placement.objects.filter(state=Placement.State.ACTIVE).count() == 1
    assert Placement.objects.filter(state=Placement.State.REQUESTED).count() == 1
    assert PlacementReportPage.objects.live().count() == 1
    assert Report.objects.filter(kind=Report.Kind.PROGRESS, status=Report.Status.SUBMITTED).exists()
    active = Placement.objects.get(state=Placement.State.ACTIVE)
    assert active.milestones.count() >= 3 and active.researcher == ctx.users["researcher"]
    for url, role in ctx.created_urls:
        if "placement" not in url:
            continue
        client = Client()
        if role:
            client.force_login(ctx.users[role])
        assert client.get(url, follow=True).status_code == 200, (url, role)
    # Isolation: the second NGO's manager sees none of the first NGO's placements.
    client = Client()
    client.force_login(ctx.users["manager2"])
    assert client.get(active.get_absolute_url(), follow=True).status_code == 404
