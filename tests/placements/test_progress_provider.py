"""The placements provider: what its measures count, its tables, and queries that do not grow with the data."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from lms import figures
from lms.fiscal import FISCAL_TZ
from lms.measures import Period, Scope
from organizations.factories import CapacityAreaFactory, OrganizationFactory, UserFactory
from organizations.models import Organization
from placements.factories import PlacementFactory, PlacementTransitionFactory, ReportFactory
from placements.models import Placement, PlacementReportPage, Report
from placements.progress import PlacementsProvider
from placements.services.publication import report_index_page

pytestmark = pytest.mark.django_db

FY = 2024
YEAR = Period.year(FY)
State = Placement.State


@pytest.fixture
def provider():
    return figures.provider("placements")


@pytest.fixture
def area():
    return CapacityAreaFactory(name="Fundraising", slug="fundraising")


@pytest.fixture
def placement(organization, area):
    def make(start=date(FY, 6, 1), end=date(FY, 12, 31), state=State.ACTIVE, **extra):
        extra.setdefault("organization", organization)
        extra.setdefault("capacity_area", area)
        return PlacementFactory(start_date=start, end_date=end, state=state, **extra)

    return make


def totals(scope, period=YEAR):
    return figures.totals([figures.measure("placements"), figures.measure("placements_completed")], scope, period)


def test_the_provider_is_registered_with_its_measures():
    provider = figures.provider("placements")
    assert isinstance(provider, PlacementsProvider)
    assert provider.headline == "placements"
    assert [m.name for m in provider.measures] == ["placements", "placements_completed"]
    assert all(m.member_label is None for m in provider.measures)


def test_placements_started_and_completed_in_the_year(organization, placement):
    placement(state=State.REQUESTED)
    placement(start=date(FY, 4, 1), end=date(FY, 9, 30), state=State.COMPLETED)
    placement(start=date(FY - 1, 6, 1), end=date(FY, 5, 31), state=State.COMPLETED)  # started the year before
    placement(start=date(FY + 1, 4, 1), end=date(FY + 1, 12, 31), state=State.COMPLETED)  # the next year
    placement(organization=OrganizationFactory())  # another organization
    scope = Scope(organizations=organization.pk)
    assert totals(scope) == {"placements": 2, "placements_completed": 2}
    assert totals(scope, Period.year(FY - 1)) == {"placements": 1, "placements_completed": 0}
    assert totals(scope, Period()) == {"placements": 4, "placements_completed": 3}
    assert totals(Scope()) == {"placements": 3, "placements_completed": 2}


def test_the_area_filter_and_no_member_filter(organization, placement):
    placement()
    placement(capacity_area=CapacityAreaFactory(slug="governance"))
    assert totals(Scope(organizations=organization.pk, area="fundraising"))["placements"] == 1
    # A placement is the organization's, never one member's: choosing a member does not hide it.
    assert totals(Scope(organizations=organization.pk, member=123))["placements"] == 2
    chosen = Organization.objects.filter(pk=organization.pk).values("pk")
    assert totals(Scope(organizations=chosen, area="governance"))["placements"] == 1


def test_organization_table_lists_placements_overlapping_the_year(provider, organization, placement):
    running = placement(start=date(FY - 1, 10, 1), end=date(FY, 5, 31))  # started the year before
    ReportFactory(placement=running, status=Report.Status.SUBMITTED)
    ReportFactory(placement=running, status=Report.Status.DRAFT)
    starting = placement(start=date(FY, 7, 1), state=State.REQUESTED)
    placement(start=date(FY - 2, 6, 1), end=date(FY - 2, 12, 31))
    tables = provider.organization_tables(Scope(organizations=organization.pk), YEAR)
    assert set(tables) == {"placements"}
    table = tables["placements"]
    assert table.caption == "Researcher placements"
    assert table.links == [starting.get_absolute_url(), running.get_absolute_url()]
    assert table.rows[0][1] == "Not matched yet"
    assert [row[5] for row in table.rows] == [0, 1]
    assert len(provider.organization_tables(Scope(organizations=organization.pk), Period())["placements"].rows) == 3


def test_programme_table_by_state_counts_pending_placements_for_later_years(provider, placement):
    placement(state=State.ACTIVE)
    placement(state=State.REQUESTED)
    placement(start=date(FY + 1, 6, 1), end=date(FY + 1, 12, 31), state=State.REQUESTED)  # a later year
    placement(start=date(FY + 1, 6, 1), end=date(FY + 1, 12, 31), state=State.APPROVED)
    placement(start=date(FY + 1, 6, 1), end=date(FY + 1, 12, 31), state=State.ACTIVE)  # not pending: not counted
    tables = provider.programme_tables(Scope(), YEAR)
    assert set(tables) == {"placement_states"}
    rows = {row[0]: row[1:] for row in tables["placement_states"].rows}
    assert rows[State.REQUESTED.label] == [2, 1]
    assert rows[State.APPROVED.label] == [1, 1]
    assert rows[State.ACTIVE.label] == [1, 0]
    links = dict(
        zip([row[0] for row in tables["placement_states"].rows], tables["placement_states"].links, strict=True)
    )
    assert links[State.ACTIVE.label] == reverse("placements:list") + f"?state=active&fy={FY}"
    assert links[State.REQUESTED.label] == reverse("placements:list") + "?state=requested"
    assert provider.programme_figures(Scope(), YEAR) == {"placements_later": 2}
    assert provider.programme_figures(Scope(area="governance"), YEAR) == {"placements_later": 0}
    assert provider.programme_figures(Scope(), Period()) == {"placements_later": 0}
    everything = {row[0]: row[1:] for row in provider.programme_tables(Scope(), Period())["placement_states"].rows}
    assert everything[State.REQUESTED.label] == [2, 0]


def test_timeline_of_state_changes_for_the_organization_only(provider, organization, placement):
    one = placement()
    PlacementTransitionFactory(placement=one, to_state=State.REQUESTED, created_at=datetime(FY, 4, 5, tzinfo=FISCAL_TZ))
    latest = PlacementTransitionFactory(
        placement=one, from_state=State.APPROVED, to_state=State.ACTIVE, created_at=datetime(FY, 6, 1, tzinfo=FISCAL_TZ)
    )
    PlacementTransitionFactory(placement=one, created_at=datetime(FY - 1, 6, 1, tzinfo=FISCAL_TZ))
    PlacementTransitionFactory(created_at=datetime(FY, 6, 2, tzinfo=FISCAL_TZ))  # another organization
    events = provider.timeline(Scope(organizations=organization.pk), YEAR, 5)
    assert [event.when for event in events] == [latest.created_at, datetime(FY, 4, 5, tzinfo=FISCAL_TZ)]
    assert events[0].text == "Placement in Fundraising: Active"
    assert events[0].url == one.get_absolute_url()
    assert provider.timeline(Scope(organizations=organization.pk), YEAR, 1) == events[:1]
    assert provider.timeline(Scope(organizations=organization.pk, member=1), YEAR, 5) == []


def test_recommendations_are_three_published_reports_at_most(provider, organization, area):
    index = report_index_page()
    for n in range(4):
        index.add_child(
            instance=PlacementReportPage(
                title=f"Report {n}", slug=f"report-{n}", organization=organization, capacity_area=area
            )
        )
    index.add_child(
        instance=PlacementReportPage(
            title="Elsewhere", slug="elsewhere", organization=organization, capacity_area=CapacityAreaFactory()
        )
    )
    reports = provider.recommendations([area.pk], 10)["reports"]
    assert len(reports) == 3 and all(page.capacity_area_id == area.pk for page in reports)


@pytest.mark.parametrize("method", ["organization_tables", "programme_tables", "timeline"])
def test_query_counts_do_not_grow_with_the_data(method, provider, organization, placement, django_assert_num_queries):
    def run():
        if method == "timeline":
            return provider.timeline(Scope(organizations=organization.pk), YEAR, 10)
        if method == "programme_tables":
            chosen = Organization.objects.filter(pk=organization.pk).values("pk")
            return provider.programme_tables(Scope(organizations=chosen, area="fundraising"), YEAR)
        return provider.organization_tables(Scope(organizations=organization.pk), YEAR)

    with django_assert_num_queries(1):
        run()
    for state in (State.REQUESTED, State.ACTIVE, State.COMPLETED):
        one = placement(state=state, researcher=None if state == State.REQUESTED else UserFactory())
        ReportFactory(placement=one, status=Report.Status.SUBMITTED)
        PlacementTransitionFactory(placement=one, to_state=state, created_at=datetime(FY, 6, 1, tzinfo=FISCAL_TZ))
    with django_assert_num_queries(1):
        run()
