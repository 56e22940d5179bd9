"""axe audits of the manager's and programme staff's pages: progress dashboards, self-assessment, placements."""

import pytest

from organizations.factories import MembershipFactory, OrganizationFactory, RegionFactory, UserFactory
from organizations.models import Membership, ProgrammeRole
from placements.factories import PlacementFactory

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
    placement = PlacementFactory(organization=organization)
    sign_in(manager)
    paths = [
        "/organizations/tama-water/progress/",
        "/organizations/tama-water/progress/assessment/",
        "/placements/",
        "/placements/request/",
        f"/placements/{placement.pk}/withdraw/",
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


def test_programme_staff_pick_a_region_and_the_figures_follow(page, sign_in):
    """The real select and button, in Japanese: the page reloads narrowed, still in Japanese, and says so."""
    kanto, kyushu = RegionFactory(name="Kanto", slug="kanto"), RegionFactory(name="Kyushu", slug="kyushu")
    for index in range(2):
        MembershipFactory(organization=OrganizationFactory(name=f"Kanto NGO {index}", region=kanto))
    MembershipFactory(organization=OrganizationFactory(name="Kyushu NGO", region=kyushu))
    sign_in(UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF]))
    page.goto("/ja/programme/?fy=all")
    organizations = page.locator(".figures li").first.locator(".figure__value")
    assert organizations.inner_text() == "3"
    page.get_by_label("地域", exact=True).select_option("kanto")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/ja/programme/?*region=kanto*")
    assert organizations.inner_text() == "2"
    assert page.get_by_label("地域", exact=True).input_value() == "kanto"
    assert page.get_by_role("link", name="絞り込みを解除").is_visible()
    assert not run_axe(page), format_violations(run_axe(page))
    page.get_by_role("link", name="絞り込みを解除").click()
    page.wait_for_url("**/ja/programme/?fy=all")
    assert organizations.inner_text() == "3"
