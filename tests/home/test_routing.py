"""Routing below the site root from the cache: the section pages and the root itself are kept, and any
publish, unpublish or move shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def _publish(page):
    page.save_revision().publish()


@pytest.fixture
def about(home_page):
    page = home_page.add_child(instance=StandardPage(title="About the programme", slug="about-programme"))
    _publish(page)
    return page


def test_a_section_page_is_served_and_then_routed_without_reading_the_tree(client, about):
    assert "About the programme" in client.get("/about-programme/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/about-programme/")
    lookups = [q for q in queries.captured_queries if "\"slug\" = 'about-programme'" in q["sql"]]
    assert response.status_code == 200 and lookups == []


def test_a_renamed_page_moves_at_once(client, about):
    assert client.get("/about-programme/").status_code == 200
    about.slug = "who-we-are"
    _publish(about)
    assert client.get("/who-we-are/").status_code == 200
    assert client.get("/about-programme/").status_code == 404


def test_an_unpublished_page_is_gone_at_once(client, about):
    assert client.get("/about-programme/").status_code == 200
    about.unpublish()
    assert client.get("/about-programme/").status_code == 404


def test_the_home_page_shows_a_new_title_at_once(client_for, home_page, member):
    client = client_for(member)  # signed in: past the anonymous page cache
    client.get("/")
    home_page.title = "Welcome to the renewed programme"
    _publish(home_page)
    assert "Welcome to the renewed programme" in client.get("/").content.decode()
