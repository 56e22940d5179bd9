"""The dashboards' query counts do not grow with the data: measured at two sizes, aggregated in the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import Membership
from progress.management.commands.load_scale_data import run_generators


def _count(client, url) -> int:
    client.get(url)  # warm caches (site root paths, session) so both sizes are measured alike
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _manager_client(client_for, organization):
    manager = Membership.objects.filter(organization=organization, role=Membership.Role.MANAGER).first().user
    return client_for(manager)


@pytest.mark.django_db
def test_organization_dashboard_queries_do_not_grow(client_for):
    small = run_generators(
        organizations=2, learners=40, first_organization_members=20, courses=3, seminars=2, advisors=2, study_groups=1
    )
    large = run_generators(
        organizations=2, learners=150, first_organization_members=120, courses=8, seminars=4, advisors=3, study_groups=2
    )
    counts = []
    for result in (small, large):
        organization = result.organizations[0]
        client = _manager_client(client_for, organization)
        base = reverse("progress:organization", kwargs={"slug": organization.slug})
        member = Membership.objects.filter(organization=organization, role=Membership.Role.MEMBER).first().user
        counts.append(
            (
                _count(client, base + "?fy=all"),
                _count(client, base),
                _count(client, base + f"?fy=all&member={member.pk}"),
                _count(client, reverse("progress:organization_export", args=[organization.slug, "members", "csv"])),
            )
        )
    assert (
        Membership.objects.filter(organization=large.organizations[0]).count()
        >= 5 * Membership.objects.filter(organization=small.organizations[0]).count()
    )
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_programme_dashboard_queries_do_not_grow(client_for, programme_staff):
    client = client_for(programme_staff)
    urls = [
        reverse("progress:programme") + "?fy=all",
        reverse("progress:programme"),
        reverse("progress:programme_organizations") + "?fy=all",
        reverse("progress:programme_export", args=["organizations", "xlsx"]),
        # Filters narrow the figures, not the number of queries (the scale data's vocabulary is fixed).
        reverse("progress:programme") + "?fy=all&region=scale-region-0&field=scale-field-0&area=scale-area-0",
        reverse("progress:programme") + "?region=scale-region-1&scheme=placements",
        reverse("progress:programme") + "?region=nowhere&fy=abc",
        reverse("progress:programme_export", args=["placement_states", "csv"]) + "?fy=all&area=scale-area-1",
    ]
    run_generators(organizations=3, learners=30, courses=2, seminars=2, advisors=2, study_groups=1, seed=2)
    small = [_count(client, url) for url in urls]
    run_generators(organizations=25, learners=250, courses=6, seminars=3, advisors=4, study_groups=2, seed=3)
    large = [_count(client, url) for url in urls]
    assert small == large
