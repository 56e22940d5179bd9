"""axe-core audits of the platform's key pages, signed in and out, in English and Japanese.

Every rule axe runs at every impact level must pass: the list of violations must be empty.
"""

import pytest
from playwright.sync_api import expect

from home.models import StandardPage
from organizations.factories import (
    FieldOfActivityFactory,
    InvitationFactory,
    MembershipFactory,
    OrganizationFactory,
    RegionFactory,
)
from organizations.models import Membership

from .conftest import AXE_JS, assert_accessible, browser_test, format_violations, run_axe

pytestmark = browser_test

ANONYMOUS_PAGES = {
    "home": "/",
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "password reset": "/accounts/password/reset/",
    "search": "/search/?q=water",
    "organization list": "/organizations/",
    "organization": "/organizations/{slug}/",
}
MANAGER_PAGES = {
    "home": "/",
    "search": "/search/?q=water",
    "organization list": "/organizations/",
    "organization": "/organizations/{slug}/",
    "member management": "/organizations/{slug}/members/",
    "profile": "/accounts/profile/",
    "organization edit": "/organizations/{slug}/edit/",
    "email addresses": "/accounts/email/",
    "password change": "/accounts/password/change/",
    "two-factor authentication": "/accounts/2fa/",
    "two-factor setup": "/accounts/2fa/totp/activate/",
    "sign-out confirmation": "/accounts/logout/",
}
LANGUAGES = {"en": "", "ja": "/ja"}


@pytest.fixture
def site_data(home_page):
    """An organization with everything its pages can show, and a page that search finds."""
    region = RegionFactory(name="Kanto")
    organization = OrganizationFactory(
        name="Tama River Water Partners",
        slug="tama-water",
        region=region,
        countries_of_operation="Cambodia, Kenya",
        website="https://example.org",
        founded_year=2004,
        description="Clean water for rural schools.",
        internal_notes="Board meets monthly.",
    )
    organization.fields_of_activity.add(FieldOfActivityFactory(name="Water and sanitation"))
    manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    MembershipFactory(organization=organization, role=Membership.Role.MEMBER, job_title="Accountant")
    InvitationFactory(organization=organization, email="colleague@example.org", invited_by=manager)
    page = StandardPage(title="Water projects", slug="water-projects", intro="How NGOs run water projects.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return {"organization": organization, "manager": manager}


def _audit(page, language, pages, slug, who):
    """Visit each page and collect every violation, so one run reports all of them."""
    failures = []
    for name, path in pages.items():
        response = page.goto(LANGUAGES[language] + path.format(slug=slug))
        assert response.status == 200, f"{path} answered {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        violations = run_axe(page)
        if violations:
            failures.append(f"--- {name} ({language}, {who}) {page.url}\n{format_violations(violations)}")
    assert not failures, "axe violations:\n" + "\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_signed_out_pages_have_no_axe_violations(page, site_data, language):
    _audit(page, language, ANONYMOUS_PAGES, site_data["organization"].slug, "signed out")


@pytest.mark.parametrize("language", LANGUAGES)
def test_signed_in_pages_have_no_axe_violations(page, sign_in, site_data, language):
    sign_in(site_data["manager"])
    _audit(page, language, MANAGER_PAGES, site_data["organization"].slug, "signed in as a manager")


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_with_errors_have_no_axe_violations(page, language):
    prefix = LANGUAGES[language]
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_login").fill("nobody@example.org")
    page.locator("#id_password").fill("wrong-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page, f"login with errors ({language})")

    page.goto(f"{prefix}/accounts/signup/")
    page.locator("#id_email").fill("someone@example.org")
    # The names (and any consent boxes) are required in the browser too: fill them so the form is sent
    # and the server's password errors are the ones shown.
    page.locator("#id_last_name").fill("Sato")
    page.locator("#id_first_name").fill("Haruka")
    for box in page.locator("main form input[type=checkbox][required]").all():
        box.check()
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("different")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".field-errors").first).to_be_visible()
    assert_accessible(page, f"signup with errors ({language})")


def test_axe_harness_reports_real_violations(page):
    """Guard against a silent harness: axe must load under the site's CSP and find a planted fault."""
    page.goto("/")
    assert AXE_JS.exists(), "run `npm ci` first: node_modules/axe-core is missing"
    assert run_axe(page) == []
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    ids = {violation["id"] for violation in run_axe(page)}
    assert "image-alt" in ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_reflow_at_320_css_pixels(page, sign_in, site_data, language):
    """WCAG 1.4.10: at 320 CSS pixels wide nothing needs sideways scrolling (wide tables scroll inside)."""
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(site_data["manager"])
    failures = []
    for name, path in MANAGER_PAGES.items():
        page.goto(LANGUAGES[language] + path.format(slug=site_data["organization"].slug))
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            failures.append(f"{name}: {width}px wide")
    assert not failures, f"pages wider than 320px ({language}): {failures}"


def test_narrow_member_table_scrolls_inside_a_named_focusable_region(page, sign_in, site_data):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(site_data["manager"])
    page.goto(f"/organizations/{site_data['organization'].slug}/members/")
    region = page.get_by_role("region", name="Current members")
    expect(region).to_have_attribute("tabindex", "0")
    assert_accessible(page, "member management at 320px")
