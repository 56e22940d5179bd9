"""Journey: a member writes a reply in Markdown, previews it, posts it; the page and the email show it formatted."""

import re

from django.core import mail
from playwright.sync_api import expect

from organizations.factories import MembershipFactory
from studygroups import services
from studygroups.factories import FacilitatorFactory, GroupMembershipFactory, StudyGroupFactory
from studygroups.models import GroupMembership, Post

from .conftest import add_session, assert_accessible, browser_test

pytestmark = browser_test

REPLY = (
    "We met the donors on Monday.\n\nThree things to do:\n\n- draft the **survey**\n- share the budget\n- book the room"
)


def test_write_preview_and_post_a_formatted_reply(contexts, live_server):
    group = StudyGroupFactory(title="Financial transparency", slug="transparency")
    facilitator = FacilitatorFactory(group=group).user
    learner = MembershipFactory().user
    learner.display_name = "Haruka Sato"
    learner.save()
    GroupMembershipFactory(group=group, user=learner, notify=GroupMembership.Notify.EACH)
    thread = services.thread_create(group=group, author=learner, title="Donor survey", body="Draft questions.")
    mail.outbox.clear()

    context = contexts()
    add_session(context, live_server, facilitator)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(thread.get_absolute_url())
    page.get_by_text("Formatting help", exact=True).click()
    expect(page.get_by_role("cell", name="a numbered list")).to_be_visible()
    page.get_by_label(re.compile(r"^Your reply")).fill(REPLY)
    page.get_by_role("checkbox", name="Haruka Sato").check()
    page.get_by_role("button", name="Preview").click()

    preview = page.get_by_role("region", name=re.compile("^Preview of"))
    expect(preview.locator("strong")).to_have_text("survey")
    expect(preview.locator("li")).to_have_count(3)
    expect(preview.locator(".prose p").first).to_have_text("We met the donors on Monday.")
    expect(page.get_by_label(re.compile(r"^Your reply"))).to_have_value(REPLY)
    assert Post.objects.filter(thread=thread).count() == 1 and mail.outbox == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, "reply with preview")

    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your reply was posted.")
    post = page.locator("article.post").last
    expect(post.locator(".prose p")).to_have_text(["We met the donors on Monday.", "Three things to do:"])
    expect(post.locator(".prose li")).to_have_text(["draft the survey", "share the budget", "book the room"])
    expect(post.locator(".prose strong")).to_have_text("survey")
    expect(post).to_contain_text("Mentioned: Haruka Sato")
    assert_accessible(page, "thread with a formatted reply")

    (message,) = mail.outbox
    assert message.to == [learner.email] and "mentioned you" in message.subject
    html = message.alternatives[0][0]
    assert "<p>We met the donors on Monday.</p>" in html
    assert "<li>draft the <strong>survey</strong></li>" in html
    assert "Three things to do:\n\n- draft the survey\n- share the budget\n- book the room" in message.body
