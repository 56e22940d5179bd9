import pytest

from organizations.factories import CapacityAreaFactory
from progress.factories import AssessmentFactory, IndicatorFactory
from tests.lms.demo_site import demo_site  # noqa: F401 - the module-scoped demo data


@pytest.fixture
def areas(db):
    return [CapacityAreaFactory(name=name) for name in ("Governance", "Finance", "Fundraising")]


@pytest.fixture
def assessment(areas):
    assessment = AssessmentFactory(slug="ngo-capacity", title="NGO capacity")
    for area in areas:
        IndicatorFactory(assessment=assessment, capacity_area=area, text=f"{area.name} indicator A")
        IndicatorFactory(assessment=assessment, capacity_area=area, text=f"{area.name} indicator B")
    return assessment
