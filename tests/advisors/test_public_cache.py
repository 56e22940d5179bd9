"""The advisor directory and advisor pages come from the anonymous page cache, never with a taken slot."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisors.factories import BlockedPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.LMS_PAGE_CACHE_SECONDS = 300
    cache.clear()


def _day_url(advisor, slot) -> str:
    day = timezone.localtime(slot.start).date().isoformat()
    return f"{advisor.get_absolute_url()}?day={day}"


@pytest.mark.parametrize("name", ["directory", "detail"])
def test_second_anonymous_request_takes_no_query(client, advisor, name):
    url = reverse("advisors:directory") if name == "directory" else advisor.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert len(queries.captured_queries) == 0


def test_languages_are_cached_apart(client, advisor):
    url = advisor.get_absolute_url()  # read once: a request leaves its language active in the thread
    english = client.get(url)
    japanese = client.get("/ja" + url)
    assert japanese["X-Page-Cache"] == "miss" and japanese.content != english.content
    again = client.get("/ja" + url)
    assert again["X-Page-Cache"] == "hit" and again.content == japanese.content
    assert client.get(url).content == english.content


def test_a_consultation_made_after_the_cache_is_warm_closes_its_slot(client, advisor, slot_after, book):
    slot = slot_after(advisor, days=1)
    url = _day_url(advisor, slot)
    assert f"?start={slot.key}" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    book(advisor, slot.start)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert f"?start={slot.key}" not in response.content.decode()


def test_blocked_time_and_a_paused_advisor_show_at_once(client, advisor, slot_after):
    slot = slot_after(advisor, days=1)
    url = _day_url(advisor, slot)
    client.get(url)
    BlockedPeriodFactory(advisor=advisor, start=slot.start, end=slot.start + timedelta(hours=1))
    assert f"?start={slot.key}" not in client.get(url).content.decode()
    directory = reverse("advisors:directory")
    assert advisor.get_absolute_url() in client.get(directory).content.decode()
    advisor.is_active = False
    advisor.save()
    assert advisor.get_absolute_url() not in client.get(directory).content.decode()
    assert client.get(advisor.get_absolute_url()).status_code == 404


def test_signed_in_viewers_never_get_the_anonymous_copy(client, client_for, advisor, member):
    client.get(advisor.get_absolute_url())
    assert client.get(advisor.get_absolute_url())["X-Page-Cache"] == "hit"
    response = client_for(member).get(advisor.get_absolute_url())
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert member.get_short_name() in response.content.decode()  # their own header, not the visitor's
