"""lms.batch: querysets read together give what each gives alone; on PostgreSQL in one round trip."""

import pytest
from django.db import connection
from django.db.models import Count, Prefetch
from django.test.utils import CaptureQueriesContext

from lms import batch
from organizations.factories import MembershipFactory, OrganizationFactory
from organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizations():
    first, second = OrganizationFactory(), OrganizationFactory()
    MembershipFactory.create_batch(3, organization=first)
    MembershipFactory(organization=second, role=Membership.Role.MANAGER)
    return first, second


def _querysets(first):
    return [
        Organization.objects.order_by("pk"),
        Membership.objects.values("organization_id").annotate(n=Count("pk")).order_by("organization_id"),
        Membership.objects.filter(role=Membership.Role.MANAGER).values_list("user_id", flat=True),
        Membership.objects.filter(pk__in=[]),
        Organization.objects.filter(pk=first.pk).prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.order_by("pk"))
        ),
        batch.aggregate(
            Membership.objects.filter(organization=first), n=Count("pk"), people=Count("user", distinct=True)
        ),
        batch.aggregate(Membership.objects.filter(pk__lt=0), n=Count("pk")),
        Membership.objects.order_by("-pk").values_list("pk", "role")[:2],
    ]


def _read(querysets):
    return [list(queryset) for queryset in querysets[:4]] + [
        [len(organization.memberships.all()) for organization in querysets[4]],
        batch.aggregated(querysets[5]),
        batch.aggregated(querysets[6]),
        list(querysets[7]),
    ]


def test_fetched_together_the_results_are_those_read_alone(organizations):
    first, _second = organizations
    alone = _read(_querysets(first))
    together = _querysets(first)
    batch.fetch(*together)
    assert _read(together) == alone
    assert alone[5] == {"n": 3, "people": 3}
    assert alone[6] == {"n": 0}
    assert alone[3] == []


def test_an_evaluated_queryset_is_not_read_again(organizations):
    queryset = Organization.objects.order_by("pk")
    list(queryset)
    with CaptureQueriesContext(connection) as queries:
        batch.fetch(queryset)
    assert len(queries) == 0


def test_later_values_are_built_after_one_fetch(organizations):
    first, second = organizations
    members = Membership.objects.filter(organization=first)
    later = batch.Later(lambda: len(members), [members])
    names = batch.lists(orgs=Organization.objects.order_by("pk"))
    assert batch.resolve(later, names) == [3, {"orgs": [first, second]}]


@pytest.mark.postgres
def test_on_postgresql_every_queryset_is_one_round_trip(organizations):
    first, _second = organizations
    together = _querysets(first)
    with CaptureQueriesContext(connection) as queries:
        batch.fetch(*together)
    # Every queryset in one statement list; then the prefetch, which needs the organizations first.
    assert len(queries) == 2
    assert queries.captured_queries[1]["sql"].startswith('SELECT "organizations_membership"')
    with CaptureQueriesContext(connection) as queries:
        result = _read(together)
    assert len(queries) == 0
    assert result[5] == {"n": 3, "people": 3}


def test_an_aggregate_over_a_filter_the_database_never_sees_is_zero(organizations):
    nothing = batch.aggregate(Membership.objects.filter(pk__in=[]), n=Count("pk"))
    batch.fetch(nothing, Organization.objects.order_by("pk"))
    assert batch.aggregated(nothing) == {"n": 0}


def test_columns_added_for_ordering_are_cut_off(organizations):
    def distinct():
        return Membership.objects.order_by("joined_at").values_list("organization_id", "role").distinct()

    alone = list(distinct())
    together = distinct()
    batch.fetch(together, Organization.objects.order_by("pk"))
    assert list(together) == alone
    assert all(len(row) == 2 for row in alone)
