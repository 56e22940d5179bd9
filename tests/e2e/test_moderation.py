"""Journey: an editor writes a page in the Wagtail admin and submits it; a moderator approves it.

Editors and moderators must use two-factor sign-in (as in production), so the editor signs in
through the site's form with a TOTP code before reaching the admin.
"""

import re

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import Page, Workflow

from home.models import StandardPage
from organizations.factories import UserFactory
from organizations.models import ProgrammeRole

from .conftest import add_session, assert_accessible, browser_test

pytestmark = browser_test


def current_code(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_editor_submits_page_and_moderator_approves_it(contexts, live_server, home_page, settings):
    settings.LMS_REQUIRE_MFA_FOR_ROLES = True
    cache.clear()
    workflow = Workflow.objects.get(name="Moderators approval")
    assert workflow.active
    assert workflow.workflow_pages.filter(page=Page.get_first_root_node()).exists()
    editor = UserFactory(email="editor@example.org", password="editor-pass-2024", groups=[ProgrammeRole.EDITORS])
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    moderator = UserFactory(groups=[ProgrammeRole.MODERATORS])
    TOTP.activate(moderator, generate_totp_secret())

    # The editor opens the admin, signs in with password and authenticator code, and writes the page.
    editor_page = contexts().new_page()
    editor_page.goto("/admin/")
    expect(editor_page).to_have_url(re.compile(r"/accounts/login/\?next="))
    editor_page.get_by_label(re.compile(r"^Email")).fill("editor@example.org")
    editor_page.get_by_label(re.compile(r"^Password")).fill("editor-pass-2024")
    editor_page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(editor_page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    assert_accessible(editor_page, "two-factor sign-in")
    editor_page.get_by_label(re.compile(r"^Code")).fill(current_code(secret))
    editor_page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(editor_page).to_have_url(re.compile(r"/admin/$"))

    editor_page.goto(f"/admin/pages/add/home/standardpage/{home_page.pk}/")
    editor_page.locator("#id_title").fill("Grant writing clinic")
    editor_page.locator("#id_intro").fill("Bring a draft proposal; advisors review it with you.")
    # Wagtail copies the title into the slug (on the Promote tab) after a short debounce once the
    # title loses focus; submitting before that fails validation with an empty slug.
    expect(editor_page.locator("#id_slug")).to_have_value("grant-writing-clinic")
    editor_page.get_by_role("button", name="More actions").click()
    editor_page.get_by_role("button", name=re.compile("Submit to Moderators approval")).click()
    expect(editor_page.locator(".messages")).to_contain_text("submitted")

    page = StandardPage.objects.get(slug="grant-writing-clinic", locale__language_code="en")
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    response = contexts().new_page().goto("/grant-writing-clinic/")
    assert response.status == 404, "a page awaiting moderation must not be public"

    moderator_context = contexts()
    add_session(moderator_context, live_server, moderator)
    moderator_page = moderator_context.new_page()
    moderator_page.goto(f"/admin/pages/{page.pk}/edit/")
    moderator_page.get_by_role("button", name="More actions").click()
    moderator_page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator_page.locator(".messages")).to_contain_text("has been updated")

    page.refresh_from_db()
    assert page.live
    visitor = contexts().new_page()
    response = visitor.goto("/grant-writing-clinic/")
    assert response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Grant writing clinic")
