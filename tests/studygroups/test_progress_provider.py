"""The study groups provider: what its measure counts, its tables, and queries that do not grow with the data."""

from datetime import datetime

import pytest
from django.urls import reverse

from lms import figures
from lms.fiscal import FISCAL_TZ
from lms.measures import Period, Scope
from organizations.factories import CapacityAreaFactory, MembershipFactory
from organizations.models import Organization
from studygroups.factories import GroupMembershipFactory, StudyGroupFactory
from studygroups.models import GroupMembership, StudyGroup
from studygroups.progress import StudyGroupsProvider

pytestmark = pytest.mark.django_db

FY = 2024
YEAR = Period.year(FY)
Status = GroupMembership.Status


@pytest.fixture
def provider():
    return figures.provider("study_groups")


@pytest.fixture
def member(organization):
    return MembershipFactory(organization=organization)


@pytest.fixture
def areas():
    return CapacityAreaFactory(slug="fundraising"), CapacityAreaFactory(slug="governance")


@pytest.fixture
def group(areas):
    group = StudyGroupFactory(title="B group", fiscal_year=FY)
    group.capacity_areas.set(areas)  # two areas: a place in it must still count once
    return group


def place(group, membership, status=Status.ACTIVE, **extra):
    return GroupMembershipFactory(
        group=group, user=membership.user, organization=membership.organization, status=status, **extra
    )


def places(scope, period=YEAR):
    return figures.totals([figures.measure("study_group_places")], scope, period)["study_group_places"]


def test_the_provider_is_registered_with_its_measure():
    provider = figures.provider("study_groups")
    assert isinstance(provider, StudyGroupsProvider)
    assert provider.headline == "study_group_places"
    assert figures.measure("study_group_places").member_label == "Study groups"


def test_active_places_in_the_years_groups_are_counted(organization, member, group):
    place(group, member)
    place(group, MembershipFactory(organization=organization))
    place(group, MembershipFactory(organization=organization), Status.APPLIED)
    place(group, MembershipFactory(organization=organization), Status.REMOVED)
    place(StudyGroupFactory(fiscal_year=FY - 1), member)
    place(group, MembershipFactory())  # another organization
    scope = Scope(organizations=organization.pk)
    assert places(scope) == 2
    assert places(scope, Period.year(FY - 1)) == 1
    assert places(scope, Period()) == 3
    assert places(Scope()) == 3


def test_a_window_of_days_counts_places_taken_in_it(organization, member, group):
    place(group, member, created_at=datetime(FY, 5, 10, 12, tzinfo=FISCAL_TZ))
    place(group, MembershipFactory(organization=organization), created_at=datetime(FY, 7, 1, tzinfo=FISCAL_TZ))
    window = Period.days(datetime(FY, 5, 1).date(), datetime(FY, 5, 31).date())
    assert places(Scope(organizations=organization.pk), window) == 1


def test_the_member_and_area_filters(organization, member, group, areas):
    place(group, member)
    place(group, MembershipFactory(organization=organization))
    place(StudyGroupFactory(fiscal_year=FY), member)  # no capacity area
    assert places(Scope(organizations=organization.pk, member=member.user_id)) == 2
    assert places(Scope(organizations=organization.pk, area="fundraising")) == 2
    assert places(Scope(organizations=organization.pk, member=member.user_id, area="governance")) == 1
    assert places(Scope(area="finance")) == 0


def test_organization_table_per_group(provider, organization, member, group):
    place(group, member)
    place(group, MembershipFactory(organization=organization))
    earlier = StudyGroupFactory(title="A group", fiscal_year=FY - 1)
    place(earlier, member)
    tables = provider.organization_tables(Scope(organizations=organization.pk), Period())
    assert set(tables) == {"study_groups"}
    table = tables["study_groups"]
    assert table.caption == "Study group participation"
    assert [row[0] for row in table.rows] == ["B group", "A group"]
    assert [row[3] for row in table.rows] == [2, 1]
    assert table.links[0] == reverse("studygroups:detail", kwargs={"slug": group.slug})
    one = provider.organization_tables(Scope(organizations=organization.pk, member=member.user_id), YEAR)
    assert one["study_groups"].rows == [["B group", "FY2024", "Active", 1]]


def test_programme_table_counts_the_chosen_organizations_places(provider, organization, member, group):
    place(group, member)
    place(group, MembershipFactory())  # another organization
    StudyGroupFactory(title="C group", fiscal_year=FY)  # no one yet
    StudyGroupFactory(fiscal_year=FY - 1)
    everyone = provider.programme_tables(Scope(), YEAR)
    assert set(everyone) == {"study_groups"}
    assert [row[0] for row in everyone["study_groups"].rows] == ["B group", "C group"]
    assert everyone["study_groups"].rows[0][3:] == [2, 2]
    chosen = Scope(organizations=Organization.objects.filter(pk=organization.pk).values("pk"))
    assert [row[3:] for row in provider.programme_tables(chosen, YEAR)["study_groups"].rows] == [[1, 1]]
    in_area = provider.programme_tables(Scope(area="governance"), YEAR)["study_groups"].rows
    assert [row[0] for row in in_area] == ["B group"]


def test_timeline_dates_places_by_when_they_were_taken(provider, organization, member, group):
    place(group, member, created_at=datetime(FY, 5, 1, tzinfo=FISCAL_TZ))
    latest = place(group, MembershipFactory(organization=organization), created_at=datetime(FY, 6, 1, tzinfo=FISCAL_TZ))
    place(StudyGroupFactory(fiscal_year=FY + 1), member, created_at=datetime(FY, 7, 1, tzinfo=FISCAL_TZ))
    place(group, MembershipFactory(organization=organization), Status.APPLIED)
    events = provider.timeline(Scope(organizations=organization.pk), YEAR, 2)
    assert [event.when for event in events] == [datetime(FY, 7, 1, tzinfo=FISCAL_TZ), latest.created_at]
    assert events[1].text == f"{latest.user} joined B group"
    assert events[1].url == group.get_absolute_url()
    assert provider.timeline(Scope(organizations=organization.pk, member=member.user_id), YEAR, 5)[1].kind == (
        "Study group"
    )


def test_recommendations_member_records_and_learner_figures(provider, organization, member, group, areas):
    StudyGroupFactory(fiscal_year=FY).capacity_areas.set([areas[0]])
    StudyGroupFactory(status=StudyGroup.Status.CLOSED).capacity_areas.set([areas[0]])
    found = provider.recommendations([area.pk for area in areas], 5)["study_groups"]
    assert len(found) == 2 and group in found  # tagged twice, listed once
    assert len(provider.recommendations([areas[0].pk], 1)["study_groups"]) == 1
    mine = place(group, member)
    place(StudyGroupFactory(), member, Status.DECLINED)
    elsewhere = place(StudyGroupFactory(fiscal_year=FY - 1), MembershipFactory(user=member.user))
    assert provider.member_records(member.user, organization.pk) == {"study_groups": [mine]}
    assert provider.member_records(member.user, None) == {"study_groups": [mine, elsewhere]}
    assert {m.pk for m in provider.learner_figures(member.user)["study_groups"]} == {mine.pk, elsewhere.pk}


@pytest.mark.parametrize("method", ["organization_tables", "programme_tables", "timeline"])
def test_query_counts_do_not_grow_with_the_data(method, provider, organization, group, django_assert_num_queries):
    def run():
        if method == "timeline":
            return provider.timeline(Scope(organizations=organization.pk), YEAR, 10)
        if method == "programme_tables":
            chosen = Organization.objects.filter(pk=organization.pk).values("pk")
            return provider.programme_tables(Scope(organizations=chosen, area="fundraising"), YEAR)
        return provider.organization_tables(Scope(organizations=organization.pk), YEAR)

    with django_assert_num_queries(1):
        run()
    for _ in range(3):
        other = StudyGroupFactory(fiscal_year=FY)
        place(other, MembershipFactory(organization=organization), created_at=datetime(FY, 5, 1, tzinfo=FISCAL_TZ))
        place(group, MembershipFactory(organization=organization), created_at=datetime(FY, 5, 1, tzinfo=FISCAL_TZ))
    with django_assert_num_queries(1):
        run()
