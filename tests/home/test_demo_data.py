"""The demo-data command is idempotent and every page it creates answers 200 for its role."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from organizations.models import User

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [
    "learner",
    "manager",
    "advisor",
    "researcher",
    "facilitator",
    "editor",
    "staff",
    "admin",
    "learner2",
    "manager2",
]


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(
            (
                "sessions.",
                "wagtailcore.Revision",
                "wagtailcore.ModelLogEntry",
                "wagtailcore.PageLogEntry",
                "wagtailsearch.",
                "django_tasks_db.",
                "wagtailcore.ReferenceIndex",
                "wagtailcore.Task",
                "wagtailcore.Workflow",
            )
        )
    }


def test_demo_data_is_idempotent_and_every_url_answers(capsys):
    from home.management.commands.load_demo_data import run_loaders

    call_command("load_demo_data")
    output = capsys.readouterr().out
    for key in DEMO_LOGINS:
        assert f"{key}@example.org" in output
    assert "demo-pass-2024" in output
    first = _counts()

    ctx = run_loaders()
    assert _counts() == first, "running the demo loader twice created duplicates"

    for key in DEMO_LOGINS:
        user = User.objects.get(email=f"{key}@example.org")
        assert user.check_password("demo-pass-2024")
        assert user.emailaddress_set.filter(verified=True, primary=True).exists()
    assert User.objects.get(email="admin@example.org").is_superuser

    clients = {}
    failures = []
    for url, role in ctx.created_urls:
        if role not in clients:
            clients[role] = Client()
            if role:
                clients[role].force_login(ctx.users[role])
        response = clients[role].get(url, follow=True)  # Japanese-speaking users land on /ja/ URLs
        if response.status_code != 200:
            failures.append((url, role, response.status_code))
    assert not failures
    assert len(ctx.created_urls) >= 5


def test_demo_logins_work_through_the_login_form(client):
    from home.management.commands.load_demo_data import run_loaders

    run_loaders()
    response = client.post("/accounts/login/", {"login": "manager@example.org", "password": "demo-pass-2024"})
    assert response.status_code == 302
    # The demo manager reads Japanese, so pages move to their /ja/ address.
    response = client.get("/organizations/minato-water-partners/members/", follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0].startswith("/ja/")
    other = Client()
    other.post("/accounts/login/", {"login": "manager2@example.org", "password": "demo-pass-2024"})
    assert other.get("/organizations/minato-water-partners/members/", follow=True).status_code == 404
