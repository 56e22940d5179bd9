"""lms.pages.public_q: the pages Wagtail's public() gives, without a query to build the condition."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from lms.pages import public_q, view_restrictions

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


def test_view_restrictions_come_from_the_cache_and_change_at_once(home_page):
    section = home_page.add_child(instance=Page(title="Section", slug="section"))
    ids = [home_page.pk, section.pk]
    assert view_restrictions(ids) == []
    with CaptureQueriesContext(connection) as queries:
        assert view_restrictions(ids) == []
    assert len(queries) == 0
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert view_restrictions(ids) == [restriction]
    assert view_restrictions([home_page.pk]) == []
    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "secret"
    restriction.save()
    assert view_restrictions(ids)[0].restriction_type == PageViewRestriction.PASSWORD
    restriction.delete()
    assert view_restrictions(ids) == []
