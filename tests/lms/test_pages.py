"""lms.pages.public_q: the pages Wagtail's public() gives, without a query to build the condition."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from lms.pages import public_q

pytestmark = pytest.mark.django_db


def test_public_q_matches_wagtails_public(home_page):
    section = home_page.add_child(instance=Page(title="Members only", slug="members-only"))
    inside = section.add_child(instance=Page(title="Inside", slug="inside"))
    beside = home_page.add_child(instance=Page(title="Open", slug="members-only-not"))
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    with CaptureQueriesContext(connection) as queries:
        pages = Page.objects.filter(public_q())
    assert len(queries) == 0
    found = set(pages.values_list("pk", flat=True))
    assert found == set(Page.objects.public().values_list("pk", flat=True))
    assert section.pk not in found and inside.pk not in found
    assert beside.pk in found and home_page.pk in found
