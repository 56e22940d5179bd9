"""axe audits of the manager's and programme staff's pages: progress dashboards, self-assessment, placements."""

import pytest

from organizations.factories import MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import Membership, ProgrammeRole

from .conftest import browser_test, format_violations, run_axe

pytestmark = browser_test


def audit(page, paths, who):
    failures = []
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status} to {who}"
        violations = run_axe(page)
        if violations:
            failures.append(f"--- {path} ({who})\n{format_violations(violations)}")
    assert not failures, "axe violations:\n" + "\n".join(failures)


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_manager_pages(page, sign_in, prefix):
    organization = OrganizationFactory(name="Tama River Water Partners", slug="tama-water")
    manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    MembershipFactory(organization=organization)
    sign_in(manager)
    paths = [
        "/organizations/tama-water/progress/",
        "/organizations/tama-water/progress/assessment/",
        "/placements/",
        "/placements/request/",
        "/learning/",
        "/consultations/",
    ]
    audit(page, [prefix + path for path in paths], "manager")


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_programme_staff_pages(page, sign_in, prefix):
    OrganizationFactory(name="Tama River Water Partners", slug="tama-water")
    sign_in(UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF]))
    paths = [
        "/programme/",
        "/programme/organizations/",
        "/organizations/tama-water/progress/",
        "/placements/",
        "/consultations/programme/",
    ]
    audit(page, [prefix + path for path in paths], "programme staff")
