"""Journeys: joining the programme, in English and Japanese.

- a person signs up with a name and consent, and asks to join a demo-like NGO; its manager approves
  and the new member appears on the members page and the dashboard; their certificate shows the name;
- a new NGO applies, programme staff approve it, and its applicant manages it;
- a manager invites five people from a CSV and one of them accepts.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.factories import CourseIndexPageFactory, CoursePageFactory, EnrollmentFactory
from courses.services import certificate_issue
from organizations.factories import FieldOfActivityFactory, MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import Invitation, Membership, Organization, ProgrammeRole, User
from policies.models import PolicyConsent, PolicyKind, PolicyPage
from policies.selectors import current_policies
from policies.services import consent_record

from .conftest import add_session, assert_accessible, browser_test, mail_links

pytestmark = browser_test

PASSWORD = "a-long-Pass-phrase-77"
TEXT = {
    "en": {
        "prefix": "",
        "signup": "Sign up",
        "ask": "Ask to join",
        "asked": "was sent to its managers",
        "join": "Join this organization",
        "family": "Family name",
        "given": "Given name",
        "name": "Aiko Tanaka",
    },
    "ja": {
        "prefix": "/ja",
        "signup": "利用登録",
        "ask": "参加を申請する",
        "asked": "参加申請を管理者に送りました",
        "join": "この団体に参加する",
        "family": "姓",
        "given": "名",
        "name": "Tanaka Aiko",
    },
}


def _policies(home_page):
    for kind, slug, title in ((PolicyKind.TERMS, "terms", "Terms of use"), (PolicyKind.PRIVACY, "privacy", "Privacy")):
        page = PolicyPage(kind=kind, slug=slug, title=title, body="<p>Version one.</p>")
        home_page.add_child(instance=page)
        page.save_revision().publish()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_sign_up_with_name_and_consent_then_join_and_get_approved(
    contexts, live_server, mailoutbox, home_page, language
):
    t = TEXT[language]
    _policies(home_page)
    organization = OrganizationFactory(name="Setouchi Education Fund", slug="setouchi-education")
    manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    manager.preferred_language = "en"
    manager.save()
    consent_record(user=manager, policies=current_policies())  # the manager agreed when they joined

    # A visitor finds the NGO in the directory and signs up from its page.
    page = contexts().new_page()
    page.goto(f"{t['prefix']}/organizations/")
    page.get_by_role("link", name="Setouchi Education Fund").click()
    page.get_by_role("region", name=t["join"]).get_by_role("link", name=t["signup"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/\?next="))
    form = page.get_by_role("main").locator("form")
    labels = [text.strip() for text in form.locator("label").all_inner_texts()]
    family = next(i for i, text in enumerate(labels) if text.startswith(t["family"]))
    given = next(i for i, text in enumerate(labels) if text.startswith(t["given"]))
    # The form's language decides the order: family name first in Japanese.
    assert (family < given) == (language == "ja"), labels
    page.locator("#id_email").fill("aiko.tanaka@example.org")
    page.locator("#id_last_name").fill("Tanaka")
    page.locator("#id_first_name").fill("Aiko")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("#id_time_zone").select_option("Asia/Phnom_Penh")
    page.locator("#id_accept_terms").check()
    page.locator("#id_accept_privacy").check()
    assert_accessible(page, f"sign-up form ({language})")
    page.get_by_role("main").locator("form button[type=submit]").click()
    person = User.objects.get(email="aiko.tanaka@example.org")
    assert (person.preferred_language, person.time_zone) == (language, "Asia/Phnom_Penh")
    assert PolicyConsent.objects.filter(user=person).count() == 2

    # The confirmation email carries the programme's name, and its link signs the person in.
    message = mailoutbox[-1]
    assert message.subject.startswith("[NGO") and "localhost" not in message.subject
    page.goto(next(link for link in mail_links(message) if "/confirm-email/" in link))
    page.get_by_role("main").locator("form button[type=submit]").click()
    page.goto(f"{t['prefix']}/organizations/setouchi-education/")
    page.locator("#id_message").fill("I coordinate our Cambodia literacy project.")
    page.get_by_role("button", name=t["ask"]).click()
    expect(page.get_by_role("status")).to_contain_text(t["asked"])

    # The manager follows the email to the members page and approves.
    request_mail = next(m for m in mailoutbox if m.to == [manager.email])
    manager_context = contexts()
    add_session(manager_context, live_server, manager)
    manager_page = manager_context.new_page()
    manager_page.goto(next(link for link in mail_links(request_mail) if "/members/" in link))
    expect(manager_page.get_by_role("region", name="Requests to join")).to_contain_text(
        "I coordinate our Cambodia literacy project."
    )
    assert_accessible(manager_page, "members page with a request to join")
    manager_page.get_by_role("button", name=re.compile("Approve")).click()
    expect(manager_page.get_by_role("status")).to_contain_text("is now a member")
    expect(manager_page.get_by_role("table", name="Current members")).to_contain_text("aiko.tanaka@example.org")
    assert mailoutbox[-1].to == ["aiko.tanaka@example.org"]
    manager_page.goto("/organizations/setouchi-education/")
    manager_page.get_by_role("link", name="Progress dashboard").click()
    expect(manager_page.get_by_role("region", name="Members", exact=True)).to_contain_text("Tanaka")

    # The name given at sign-up is the one the certificate shows.
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Governance", slug="gov")
    enrollment = EnrollmentFactory(user=person, course=course, status="active", completed_at=timezone.now())
    certificate = certificate_issue(enrollment=enrollment)
    page.goto(f"{t['prefix']}/certificates/{certificate.code}/")
    expect(page.get_by_role("main")).to_contain_text(t["name"])


def test_new_ngo_applies_staff_approve_and_applicant_manages_it(contexts, live_server, mailoutbox):
    FieldOfActivityFactory(slug="environment", name="Environment")
    applicant = UserFactory(email="mariko@example.org", first_name="Mariko", last_name="Ueda")
    staff = UserFactory(email="officer@example.org", groups=[ProgrammeRole.PROGRAMME_STAFF])

    applicant_context = contexts()
    add_session(applicant_context, live_server, applicant)
    page = applicant_context.new_page()
    page.goto("/organizations/")
    page.get_by_role("link", name="Apply to join the programme").click()
    page.get_by_label(re.compile("^Name in English")).fill("Sapporo Forest Friends")
    page.get_by_label(re.compile("^Name in Japanese")).fill("さっぽろ森の友の会")
    page.get_by_label(re.compile("^Legal form")).select_option("npo")
    page.get_by_label(re.compile("^Head office prefecture")).select_option(label="Hokkaido")
    page.get_by_label(re.compile("^Countries of activity")).fill("Mongolia, Laos")
    page.get_by_label("Environment").check()
    page.get_by_label(re.compile("^Website")).fill("https://forest.example.org")
    page.get_by_label(re.compile("^Your role in the NGO")).fill("Secretary general")
    assert_accessible(page, "NGO application form")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application was sent")

    staff_context = contexts()
    add_session(staff_context, live_server, staff)
    staff_page = staff_context.new_page()
    staff_page.goto("/organizations/")
    staff_page.get_by_role("link", name="Review NGO applications").click()
    staff_page.get_by_role("link", name="Sapporo Forest Friends").click()
    staff_page.get_by_label("Approve: create the organization").check()
    assert_accessible(staff_page, "NGO application review")
    staff_page.get_by_role("button", name="Record the decision").click()
    expect(staff_page.get_by_role("status")).to_contain_text("Sapporo Forest Friends is now in the programme")

    organization = Organization.objects.get(name="Sapporo Forest Friends")
    assert mailoutbox[-1].to == ["mariko@example.org"]
    page.goto(next(link for link in mail_links(mailoutbox[-1]) if "/applications/" in link))
    page.get_by_role("link", name="Go to Sapporo Forest Friends").click()
    page.get_by_role("link", name="Manage members").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Members of Sapporo Forest Friends")
    assert Membership.objects.get(organization=organization, user=applicant).role == "manager"


def test_manager_invites_five_from_a_csv_and_one_accepts(contexts, live_server, mailoutbox, tmp_path):
    organization = OrganizationFactory(name="Kansai Relief Forum", slug="kansai-relief")
    manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    invitee = UserFactory(email="ren.yoshida@example.org", first_name="Ren", last_name="Yoshida")
    csv_file = tmp_path / "team.csv"
    csv_file.write_text(
        "name,email,role\n"
        "Ren Yoshida,ren.yoshida@example.org,member\n"
        "Amina Hassan,amina@example.org,member\n"
        "Sota Sasaki,sota@example.org,manager\n"
        "Lina Park,lina@example.org,member\n"
        "Maria Santos,maria@example.org,member\n",
        encoding="utf-8",
    )

    manager_context = contexts()
    add_session(manager_context, live_server, manager)
    page = manager_context.new_page()
    page.goto("/organizations/kansai-relief/members/")
    page.get_by_role("link", name=re.compile("Invite many people at once")).click()
    page.get_by_label("Or upload a CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Check and send invitations").click()
    expect(page.get_by_role("status")).to_contain_text("5 of 5 invited")
    table = page.get_by_role("table", name="Each row of your list and what happened")
    expect(table.get_by_text("Invited", exact=True)).to_have_count(5)
    assert_accessible(page, "bulk invitation result")
    assert Invitation.objects.filter(organization=organization, status="pending").count() == 5
    assert len(mailoutbox) == 5

    # One of them accepts from the email.
    message = next(m for m in mailoutbox if m.to == ["ren.yoshida@example.org"])
    invitee_context = contexts()
    add_session(invitee_context, live_server, invitee)
    invitee_page = invitee_context.new_page()
    invitee_page.goto(next(link for link in mail_links(message) if "/organizations/invitations/" in link))
    invitee_page.get_by_role("button", name="Accept").click()
    expect(invitee_page.get_by_role("status")).to_contain_text("Welcome to Kansai Relief Forum")

    page.goto("/organizations/kansai-relief/members/")
    expect(page.get_by_role("table", name="Current members")).to_contain_text("ren.yoshida@example.org")
    expect(page.get_by_role("region", name="Pending invitations")).not_to_contain_text("ren.yoshida@example.org")
