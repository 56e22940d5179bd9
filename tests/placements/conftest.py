import pytest

from organizations.factories import CapacityAreaFactory, MembershipFactory, UserFactory
from organizations.models import Membership
from placements.factories import PlacementFactory, ReportFactory, ResearcherProfileFactory
from placements.models import Placement, Report

S = Placement.State


@pytest.fixture
def area(db):
    return CapacityAreaFactory(name="Fundraising", slug="fundraising")


@pytest.fixture
def researcher(area):
    return ResearcherProfileFactory(specialities=[area]).user


@pytest.fixture
def other_manager(other_organization):
    return MembershipFactory(organization=other_organization, role=Membership.Role.MANAGER).user


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def people(programme_staff, manager, researcher, member, other_manager, outsider):
    """Everyone whose rights differ, by role name."""
    return {
        "staff": programme_staff,
        "host": manager,
        "researcher": researcher,
        "member": member,
        "other_manager": other_manager,
        "outsider": outsider,
    }


@pytest.fixture
def make_placement(organization, area, researcher):
    def make(state=S.REQUESTED, **kwargs):
        if state not in (S.REQUESTED,) and "researcher" not in kwargs:
            kwargs["researcher"] = researcher
        return PlacementFactory(organization=organization, capacity_area=area, state=state, **kwargs)

    return make


@pytest.fixture
def final_sections():
    return {
        "host_overview": "Host",
        "researcher_profile": "Me",
        "period": "June to November",
        "purpose_background": "Why",
        "findings": "Found",
        "recommendations": "Do this",
    }


@pytest.fixture
def make_report(final_sections):
    def make(placement, kind=Report.Kind.PROGRESS, status=Report.Status.SUBMITTED, **kwargs):
        if kind == Report.Kind.FINAL:
            kwargs = {**final_sections, "body": "", **kwargs}
        return ReportFactory(placement=placement, kind=kind, status=status, author=placement.researcher, **kwargs)

    return make
