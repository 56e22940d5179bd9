"""Journey: an editor writes a page in the Wagtail admin and submits it; a moderator approves it."""

import re

from playwright.sync_api import expect
from wagtail.models import Page, Workflow

from home.models import StandardPage
from organizations.factories import UserFactory
from organizations.models import ProgrammeRole

from .conftest import add_session, browser_test

pytestmark = browser_test


def test_editor_submits_page_and_moderator_approves_it(contexts, live_server, home_page):
    workflow = Workflow.objects.get(name="Moderators approval")
    assert workflow.active
    assert workflow.workflow_pages.filter(page=Page.get_first_root_node()).exists()
    editor = UserFactory(groups=[ProgrammeRole.EDITORS])
    moderator = UserFactory(groups=[ProgrammeRole.MODERATORS])

    editor_context = contexts()
    add_session(editor_context, live_server, editor)
    editor_page = editor_context.new_page()
    editor_page.goto(f"/admin/pages/add/home/standardpage/{home_page.pk}/")
    editor_page.locator("#id_title").fill("Grant writing clinic")
    editor_page.locator("#id_intro").fill("Bring a draft proposal; advisors review it with you.")
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
