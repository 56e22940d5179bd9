"""Journey: a learner applies to a study group, a facilitator approves, and the learner posts."""

import re

from playwright.sync_api import expect

from organizations.factories import MembershipFactory
from studygroups.factories import FacilitatorFactory, StudyGroupFactory
from studygroups.models import GroupMembership, Post

from .conftest import add_session, assert_accessible, browser_test

pytestmark = browser_test


def test_apply_get_approved_and_post(contexts, live_server):
    group = StudyGroupFactory(
        title="Localising humanitarian standards", slug="localising-standards", status="recruiting"
    )
    facilitator = FacilitatorFactory(group=group).user
    learner = MembershipFactory().user

    visitor = contexts().new_page()
    for path in ["/study-groups/", "/study-groups/localising-standards/"]:
        assert visitor.goto(path).status == 200
        assert_accessible(visitor, f"{path} (signed out)")

    learner_context = contexts()
    add_session(learner_context, live_server, learner)
    page = learner_context.new_page()
    page.goto("/study-groups/localising-standards/")
    page.get_by_role("link", name="Apply to join").click()
    assert_accessible(page, "study group application form")
    page.get_by_label(re.compile(r"^Why do you want to join")).fill(
        "We run community water projects and want to learn how to apply the standards locally."
    )
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("status")).to_contain_text("The facilitators will review your application.")
    assert GroupMembership.objects.get(group=group, user=learner).status == GroupMembership.Status.APPLIED

    facilitator_context = contexts()
    add_session(facilitator_context, live_server, facilitator)
    facilitator_page = facilitator_context.new_page()
    facilitator_page.goto("/study-groups/localising-standards/members/")
    assert_accessible(facilitator_page, "study group members (facilitator)")
    facilitator_page.get_by_role("button", name="Approve", exact=True).click()
    expect(facilitator_page.get_by_role("status")).to_be_visible()
    assert GroupMembership.objects.get(group=group, user=learner).status == GroupMembership.Status.ACTIVE

    page.goto("/study-groups/localising-standards/")
    assert_accessible(page, "study group workspace (member)")
    page.goto("/study-groups/localising-standards/threads/")
    assert_accessible(page, "study group threads")
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label(re.compile(r"^Title")).fill("Survey questions for member NGOs")
    page.get_by_label(re.compile(r"^Message")).fill("Here is a first draft of the survey. Comments welcome.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey questions for member NGOs")
    page.get_by_label(re.compile(r"^Your reply")).fill("Adding a question on local partners.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("main")).to_contain_text("Adding a question on local partners.")
    assert_accessible(page, "study group thread")
    assert Post.objects.filter(thread__group=group, author=learner).count() == 2
