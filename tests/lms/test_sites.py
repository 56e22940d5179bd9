"""The request's Wagtail site comes from the cache, so a page needs no site query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from lms import sites

pytestmark = pytest.mark.django_db


def _site_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "wagtailcore_site" in q["sql"]]


def test_the_second_request_finds_the_site_without_a_query(client):
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    assert _site_queries(captured) == []
    assert response.wsgi_request._wagtail_site == Site.objects.get(is_default_site=True)


def test_an_edited_site_is_seen_at_once_in_this_process(client):
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed programme"
    site.save()
    response = client.get("/")
    assert response.wsgi_request._wagtail_site.site_name == "Renamed programme"


def test_adding_or_deleting_a_site_forgets_what_was_found(client):
    client.get("/")
    extra = Site.objects.create(hostname="other.example.org", root_page=Site.objects.get().root_page)
    extra.delete()
    from django.core.cache import cache

    assert cache.get(sites.KEY) is None


def test_an_unknown_host_falls_back_to_the_default_site(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get("/", HTTP_HOST="other.example.org")
    assert response.wsgi_request._wagtail_site.is_default_site


def test_machine_endpoints_skip_the_lookup(client, settings):
    settings.LMS_BENCH_ENDPOINT = True
    response = client.get("/health/")
    assert response.status_code == 200
    assert not hasattr(response.wsgi_request, "_wagtail_site")
