"""Journey: a manager invites a colleague by email and the colleague accepts."""

import re

from playwright.sync_api import expect

from organizations.factories import MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import Membership

from .conftest import add_session, assert_accessible, browser_test, mail_links

pytestmark = browser_test


def test_manager_invites_colleague_who_accepts(contexts, live_server, mailoutbox):
    organization = OrganizationFactory(name="Setouchi Education Fund", slug="setouchi-education")
    manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    colleague = UserFactory(email="colleague@example.org", password="colleague-pass-2024", first_name="Aiko")

    # The manager, signed in, invites the colleague from the organization's page.
    manager_context = contexts()
    add_session(manager_context, live_server, manager)
    manager_page = manager_context.new_page()
    manager_page.goto("/organizations/setouchi-education/")
    manager_page.get_by_role("link", name="Manage members").click()
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Members of Setouchi Education Fund")
    invite = manager_page.get_by_role("region", name="Invite a colleague")
    invite.get_by_label(re.compile(r"^Email address")).fill("colleague@example.org")
    invite.get_by_label(re.compile(r"^Role")).select_option("member")
    invite.get_by_role("button", name="Send invitation").click()
    expect(manager_page.get_by_role("status")).to_contain_text("Invitation sent to colleague@example.org")
    expect(manager_page.get_by_role("region", name="Pending invitations")).to_contain_text("colleague@example.org")

    # The colleague gets the email, follows the link, signs in and accepts.
    assert [message.to for message in mailoutbox] == [["colleague@example.org"]]
    link = next(link for link in mail_links(mailoutbox[0]) if "/organizations/invitations/" in link)
    colleague_page = contexts().new_page()
    colleague_page.goto(link)
    expect(colleague_page).to_have_url(re.compile(r"/accounts/login/\?next="))
    colleague_page.get_by_label(re.compile(r"^Email")).fill("colleague@example.org")
    colleague_page.get_by_label(re.compile(r"^Password")).fill("colleague-pass-2024")
    colleague_page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(colleague_page.get_by_role("heading", level=1)).to_have_text("Invitation to join Setouchi Education Fund")
    colleague_page.get_by_role("button", name="Accept").click()
    expect(colleague_page.get_by_role("status")).to_contain_text("Welcome to Setouchi Education Fund")
    expect(colleague_page.get_by_role("heading", level=1)).to_have_text("Setouchi Education Fund")
    assert Membership.objects.filter(organization=organization, user=colleague, role="member").exists()

    # The manager sees the new member, and the invitation is no longer pending.
    manager_page.reload()
    expect(manager_page.get_by_role("table", name="Current members")).to_contain_text("colleague@example.org")
    expect(manager_page.get_by_role("region", name="Pending invitations")).to_contain_text("No pending invitations.")

    # ...and reads the organization's progress dashboard, where the new member now counts.
    manager_page.goto("/organizations/setouchi-education/")
    manager_page.get_by_role("link", name="Progress dashboard").click()
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Progress dashboard")
    expect(manager_page.get_by_role("main")).to_contain_text("Setouchi Education Fund")
    assert_accessible(manager_page, "organization progress dashboard")


def test_manager_removes_a_member_by_mistake_and_restores_them_on_a_phone(contexts, live_server):
    organization = OrganizationFactory(name="Biwako Youth Network", slug="biwako-youth")
    manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    member = MembershipFactory(
        organization=organization, role=Membership.Role.MANAGER, user=UserFactory(email="kenji@example.org")
    ).user

    context = contexts()
    add_session(context, live_server, manager)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/organizations/biwako-youth/")
    page.get_by_role("link", name="Manage members").click()
    page.get_by_role("button", name=f"Remove {member}").click()
    expect(page.get_by_role("status")).to_contain_text("was removed from the organization")
    removed = page.get_by_role("region", name="Recently removed")
    expect(removed).to_contain_text("kenji@example.org")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, "members page with a recent removal")

    removed.get_by_role("button", name=f"Restore {member}").click()
    expect(page.get_by_role("status")).to_contain_text("is a member again")
    expect(page.get_by_role("table", name="Current members")).to_contain_text("kenji@example.org")
    assert Membership.objects.get(organization=organization, user=member).role == Membership.Role.MANAGER

    # The same in Japanese: the section and its button read in the reader's language.
    page.get_by_role("button", name=f"Remove {member}").click()
    page.goto("/ja/organizations/biwako-youth/members/")
    expect(page.get_by_role("region", name="最近外したメンバー")).to_contain_text("kenji@example.org")
    page.get_by_role("button", name=f"{member}を戻す").click()
    expect(page.get_by_role("status")).to_contain_text("メンバーに戻りました")
