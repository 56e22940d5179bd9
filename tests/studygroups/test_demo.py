import io
import random
from contextlib import redirect_stdout

import pytest
from django.apps import apps
from django.utils import timezone

import home.demo
import home.demo_platform
from lms.demo import DemoContext
from studygroups import demo as studygroups_demo
from studygroups.models import GroupMembership, StudyGroup, StudyGroupReportPage


def counts():
    labels = ["wagtaildocs.Document", "wagtailcore.WorkflowState", "wagtailcore.Page"]
    models = list(apps.get_app_config("studygroups").get_models()) + [apps.get_model(label) for label in labels]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_every_page_answers(client_for):
    ctx = DemoContext(rng=random.Random(2024), now=timezone.now())
    with redirect_stdout(io.StringIO()):
        home.demo_platform.load(ctx)
        home.demo.load(ctx)
    studygroups_demo.load(ctx)
    first = counts()
    studygroups_demo.load(ctx)
    assert counts() == first, "a second run created duplicates"
    assert StudyGroup.objects.count() == 3
    assert {g.status for g in StudyGroup.objects.all()} == {"recruiting", "active", "published"}
    assert StudyGroupReportPage.objects.live().count() == 1
    active = StudyGroup.objects.get(slug="financial-transparency")
    assert GroupMembership.objects.get(group=active, user=ctx.users["facilitator"]).is_facilitator
    orgs = set(active.memberships.filter(status="active").values_list("organization__slug", flat=True))
    assert len(orgs) >= 4
    assert active.meetings.exclude(minutes="").exists() and active.threads.exists() and active.documents.exists()
    urls = [(u, r) for u, r in ctx.created_urls if "study-groups" in u or "/reports/" in u]
    assert len(urls) > 15
    for url, role in urls:
        client = client_for(ctx.users[role] if role else None)
        assert client.get(url, follow=True).status_code == 200, (url, role)
    # A non-member sees none of the workspace.
    outsider = client_for(ctx.users["manager2"])
    assert outsider.get(f"/study-groups/{active.slug}/threads/", follow=True).status_code == 404
