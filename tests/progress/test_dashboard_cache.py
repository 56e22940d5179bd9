"""The organization dashboard from the cache: at most 12 queries whatever the organization's size, fresh after
every write it counts, and never one organization's figures, one viewer's buttons or tokens, or one time zone's
dates shown to anybody else."""

import re
from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.factories import MembershipFactory, UserFactory
from organizations.models import Membership
from progress import services
from progress.management.commands.load_scale_data import run_generators
from progress.models import Target

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _dashboard(organization) -> str:
    return reverse("progress:organization", kwargs={"slug": organization.slug})


def _organization_of(size: int):
    """An organization with ``size`` members and activity in every scheme, and one of its managers."""
    result = run_generators(
        organizations=1,
        learners=size,
        first_organization_members=size,
        courses=3,
        seminars=2,
        advisors=2,
        study_groups=1,
    )
    organization = result.organizations[0]
    manager = Membership.objects.filter(organization=organization, role=Membership.Role.MANAGER).first().user
    return organization, manager


def test_dashboard_queries_at_most_12_and_equal_for_3_and_30_members(client_for):
    counts = []
    for size in (3, 30):
        organization, manager = _organization_of(size)
        client = client_for(manager)
        member = Membership.objects.filter(organization=organization).exclude(user=manager).first().user
        cache.clear()  # both sizes start equally cold: what every dashboard shares is kept across organizations
        client.get("/")  # fill the caches every page shares (site root paths, content types)
        sizes = []
        for query in ("", "?fy=all", f"?fy=all&member={member.pk}", "?fy=all&page=2"):
            cold = _queries(client, _dashboard(organization) + query)
            warm = _queries(client, _dashboard(organization) + query)
            sizes.append((cold, warm))
        counts.append(sizes)
    assert Membership.objects.filter(organization=organization).count() >= 30
    assert counts[0] == counts[1]
    assert max(warm for _cold, warm in counts[0]) <= MAX_QUERIES


def test_dashboard_shows_a_write_at_once(client_for, organization, manager):
    client = client_for(manager)
    assert "Train three finance officers" not in client.get(_dashboard(organization)).content.decode()
    services.target_create(
        organization=organization,
        user=manager,
        title="Train three finance officers",
        metric=Target.Metric.NEW_MEMBERS,
        target_value=3,
        start_date=date(2026, 4, 1),
        due_date=date(2099, 3, 31),
    )
    assert "Train three finance officers" in client.get(_dashboard(organization)).content.decode()
    newcomer = MembershipFactory(organization=organization, user=UserFactory(display_name="Aiko Newcomer")).user
    body = client.get(_dashboard(organization) + "?fy=all").content.decode()
    assert f'value="{newcomer.pk}"' in body and "Aiko Newcomer" in body


def test_one_organizations_figures_never_show_for_another(client_for, organization, other_organization, manager):
    MembershipFactory(organization=organization, user=UserFactory(display_name="Haruto Kanto-Only"))
    other_manager = MembershipFactory(organization=other_organization, role=Membership.Role.MANAGER).user
    MembershipFactory(organization=other_organization, user=UserFactory(display_name="Mei Kyushu-Only"))
    mine = client_for(manager).get(_dashboard(organization) + "?fy=all").content.decode()
    theirs = client_for(other_manager).get(_dashboard(other_organization) + "?fy=all").content.decode()
    assert "Haruto Kanto-Only" in mine and "Mei Kyushu-Only" not in mine
    assert "Mei Kyushu-Only" in theirs and "Haruto Kanto-Only" not in theirs
    # A warm cache changes nothing about who may look.
    assert client_for(other_manager).get(_dashboard(organization) + "?fy=all").status_code == 404


def test_cached_parts_carry_no_viewers_buttons_or_tokens(client_for, organization, manager, programme_staff):
    second_manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    services.target_create(
        organization=organization,
        user=manager,
        title="Two staff join a study group",
        metric=Target.Metric.STUDY_GROUP_MEMBERS,
        target_value=2,
        start_date=date(2026, 4, 1),
        due_date=date(2099, 3, 31),
    )
    first = client_for(manager).get(_dashboard(organization)).content.decode()
    staff = client_for(programme_staff).get(_dashboard(organization)).content.decode()
    second = client_for(second_manager).get(_dashboard(organization)).content.decode()
    assert "Set a target" in first and "Set a target" in second
    assert "Set a target" not in staff and "Two staff join a study group" in staff
    tokens = set(TOKEN.findall(first))
    assert tokens and not tokens & set(TOKEN.findall(second)) and not tokens & set(TOKEN.findall(staff))
    again = client_for(manager).get(_dashboard(organization)).content.decode()
    assert "Set a target" in again


def test_dates_follow_each_viewers_time_zone(client_for, organization, manager):
    MembershipFactory(organization=organization, joined_at=datetime(2026, 1, 1, 20, 0, tzinfo=UTC))
    manager.time_zone = "Asia/Tokyo"
    manager.save()
    abroad = MembershipFactory(
        organization=organization, role=Membership.Role.MANAGER, user=UserFactory(time_zone="America/Los_Angeles")
    ).user
    tokyo = client_for(manager).get(_dashboard(organization) + "?fy=all").content.decode()
    los_angeles = client_for(abroad).get(_dashboard(organization) + "?fy=all").content.decode()
    assert "2 January 2026" in tokyo and ">2026-01-02<" not in tokyo
    assert "1 January 2026" in los_angeles and ">2026-01-01<" not in los_angeles


def test_pages_past_the_last_share_the_last_pages_entry(client_for, organization, manager, monkeypatch):
    monkeypatch.setattr("progress.selectors.organization.MEMBERS_PER_PAGE", 2)
    for _ in range(4):
        MembershipFactory(organization=organization)
    client = client_for(manager)
    body = client.get(_dashboard(organization) + "?fy=all&page=999").content.decode()
    assert "Page 3 of 3" in body
    assert _queries(client, _dashboard(organization) + "?fy=all&page=123456") <= MAX_QUERIES


def test_revoking_a_certificate_shows_at_once(client_for, organization, manager, member, home_page, programme_staff):
    from courses import services as course_services
    from courses.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
    from courses.models import Certificate

    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page))
    lesson = LessonPageFactory(parent=course)
    course_services.enrollment_create(user=member, course=course)
    course_services.lesson_complete(user=member, lesson=lesson)
    client = client_for(manager)
    assert "(1 certificates)" in client.get(_dashboard(organization)).content.decode()
    course_services.certificate_revoke(certificate=Certificate.objects.get(), by=programme_staff, reason="Copied work")
    assert "(0 certificates)" in client.get(_dashboard(organization)).content.decode()


@pytest.mark.postgres
def test_cold_dashboard_at_most_12_queries_on_postgresql_at_two_sizes(client_for):
    """Every cache emptied before the request (as after a deploy), sessions and the signed-in user included: the
    dashboard's questions go to the database in two round trips (lms.batch), whatever the organization's size."""
    counts = []
    for size in (3, 30):
        organization, manager = _organization_of(size)
        client = client_for(manager)
        client.get(_dashboard(organization))  # the process's own first-use lookups (content types, locales)
        cache.clear()
        counts.append(_queries(client, _dashboard(organization)))
    assert counts[0] == counts[1]
    assert counts[0] <= MAX_QUERIES
