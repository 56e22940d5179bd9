"""Journey: a person signs up, verifies their email, signs out and signs in again."""

import re

from playwright.sync_api import expect

from organizations.models import User

from .conftest import browser_test, mail_links

pytestmark = browser_test

PASSWORD = "a-long-Passphrase-2024"


def test_sign_up_verify_sign_out_and_in(page, mailoutbox):
    page.goto("/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")

    page.get_by_label("Email").fill("new.learner@example.org")
    page.locator("#id_first_name").fill("Aiko")
    page.locator("#id_last_name").fill("Tanaka")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    assert User.objects.filter(email="new.learner@example.org").exists()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["new.learner@example.org"]
    confirm_path = next(link for link in mail_links(message) if "/accounts/confirm-email/" in link)

    page.goto(confirm_path)
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    # Confirming in the session that signed up signs the person in.
    account_nav = page.get_by_role("navigation", name="Account")
    expect(account_nav.get_by_role("button", name="Sign out")).to_be_visible()

    # Signing out is a POST from the header's form, never a GET link.
    account_nav.get_by_role("button", name="Sign out").click()
    expect(account_nav.get_by_role("link", name="Sign in")).to_be_visible()

    account_nav.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("new.learner@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(account_nav.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))


def test_sign_out_link_by_get_does_not_sign_out(page, sign_in):
    from organizations.factories import UserFactory

    sign_in(UserFactory())
    page.goto("/accounts/logout/")
    # The GET shows a confirmation form; the person stays signed in until they press it.
    expect(page.get_by_role("navigation", name="Account").get_by_role("button", name="Sign out")).to_be_visible()
    page.get_by_role("main").get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in")).to_be_visible()
