"""local_url: page links keep the site root paths for the whole request, not one cache read per page."""

import pytest
from wagtail.models import Page, Site

from lms import request_scope
from lms.templatetags.lms_tags import local_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    return [home_page.add_child(instance=Page(title=f"Page {n}", slug=f"page-{n}")) for n in range(3)]


def _counting(monkeypatch):
    calls = []
    original = Site.get_site_root_paths

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    return calls


def test_in_a_request_the_root_paths_are_read_once(pages, monkeypatch):
    calls = _counting(monkeypatch)
    request_scope.started()
    try:
        urls = [local_url(Page.objects.get(pk=page.pk)) for page in pages]
    finally:
        request_scope.finished()
    assert urls == [Page.objects.get(pk=page.pk).url for page in pages]
    assert urls == ["/page-0/", "/page-1/", "/page-2/"]
    assert len(calls) == 1 + 3  # once for the request, then once per fresh page for the comparison


def test_outside_a_request_each_page_reads_its_own(pages, monkeypatch):
    calls = _counting(monkeypatch)
    assert [local_url(Page.objects.get(pk=page.pk)) for page in pages] == ["/page-0/", "/page-1/", "/page-2/"]
    assert len(calls) == 3


def test_strings_and_objects_without_a_url(pages):
    assert local_url("/courses/") == "/courses/"
    assert local_url(object()) == ""
