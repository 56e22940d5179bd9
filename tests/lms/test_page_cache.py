"""Anonymous visitors get cached public pages; nobody ever gets another person's page."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()


@pytest.fixture
def about(home_page):
    page = StandardPage(title="About", slug="about", intro="First version")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_anonymous_page_is_cached_and_invalidated_on_publish(client, about):
    first = client.get("/about/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/about/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second.has_header("Content-Security-Policy")
    about.intro = "Second version"
    about.save_revision().publish()
    third = client.get("/about/")
    assert third["X-Page-Cache"] == "miss" and b"Second version" in third.content


def test_signed_in_users_never_get_the_cached_page(client_for, about, user):
    Client().get("/about/")  # fill the cache anonymously
    response = client_for(user).get("/about/")
    assert not response.has_header("X-Page-Cache")
    assert user.get_short_name().encode() in response.content


def test_signed_in_pages_are_never_stored(client_for, about, user):
    client_for(user).get("/about/")
    response = Client().get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert user.get_short_name().encode() not in response.content


def test_languages_are_cached_apart(client, about):
    client.get("/about/")
    response = client.get("/ja/about/")
    assert response["X-Page-Cache"] == "miss" and b'lang="ja"' in response.content


def test_anonymous_pages_carry_no_csrf_token_and_switching_language_still_works(client, about):
    response = client.get("/about/")
    assert b"csrfmiddlewaretoken" not in response.content
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("set_language"), {"language": "ja", "next": "/about/"})
    assert response.status_code == 302 and response["Location"] == "/ja/about/"


def test_profile_language_is_not_changed_without_a_csrf_token(user):
    c = Client(enforce_csrf_checks=True)
    c.force_login(user)
    c.post(reverse("set_language"), {"language": "ja", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_a_page_made_private_is_never_served_from_the_cache(client, about):
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    restriction = PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/")
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    response = client.get("/about/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
