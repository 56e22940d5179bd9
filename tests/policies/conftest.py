import pytest
from wagtail.models import Page

from policies.models import PolicyKind, PolicyPage


def make_policy(kind: str, slug: str, title: str) -> PolicyPage:
    home = Page.objects.get(depth=2)
    page = PolicyPage(kind=kind, slug=slug, title=title, body="<p>Version one.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def policies(db):
    return {
        "terms": make_policy(PolicyKind.TERMS, "terms", "Terms of use"),
        "privacy": make_policy(PolicyKind.PRIVACY, "privacy", "Privacy notice"),
    }
