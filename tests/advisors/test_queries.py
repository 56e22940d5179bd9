"""An advisor's page, signed in, in at most 12 queries, the same for a quiet and a busy advisor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.advisors.test_views import _add_volume

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def _count(client, url) -> int:
    client.get(url)  # warm the caches, as a running server's are
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_advisor_page_at_most_12_queries_at_two_sizes(client_for, advisor, organization, topic, member):
    client = client_for(member)
    _add_volume(advisor, organization, topic, 2, 1, 0)
    small = _count(client, advisor.get_absolute_url())
    _add_volume(advisor, organization, topic, 20, 12, 1)
    large = _count(client, advisor.get_absolute_url())
    assert small == large <= MAX_QUERIES
