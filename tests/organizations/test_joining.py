"""Joining: requests to join an organization, NGO applications, bulk invitations."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lms.errors import ServiceError
from organizations import joining
from organizations.factories import FieldOfActivityFactory, MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organization,
    OrganizationApplication,
    ProgrammeRole,
)
from organizations.selectors import applications_awaiting_review, pending_join_requests_for_manager

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["lms_language"] = "en"  # the Japanese-speaking manager reads the English pages here


@pytest.fixture
def org():
    return OrganizationFactory(name="Minato Water Partners", slug="minato")


@pytest.fixture
def manager(org):
    user = UserFactory(email="boss@example.org", preferred_language="ja")
    MembershipFactory(user=user, organization=org, role=Membership.Role.MANAGER)
    return user


@pytest.fixture
def staff():
    return UserFactory(email="officer@example.org", groups=[ProgrammeRole.PROGRAMME_STAFF])


# Join requests ----------------------------------------------------------------------------------


def test_request_to_join_then_approve_emails_both_sides(client, org, manager, django_capture_on_commit_callbacks):
    person = UserFactory(email="new@example.org")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organizations/{org.slug}/join/", {"message": "I run the Kenya project."})
    assert response.status_code == 302
    join_request = JoinRequest.objects.get(user=person)
    assert join_request.status == "pending" and join_request.message == "I run the Kenya project."
    assert [m.to for m in mail.outbox] == [["boss@example.org"]]
    assert "/ja/organizations/minato/members/" in mail.outbox[0].body  # the manager reads Japanese
    assert list(pending_join_requests_for_manager(manager)) == [join_request]
    assert list(pending_join_requests_for_manager(person)) == []

    client.force_login(manager)
    page = client.get(f"/organizations/{org.slug}/members/").content.decode()
    assert "I run the Kenya project." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organizations/{org.slug}/join-requests/{join_request.pk}/approve/")
    assert response.status_code == 302
    assert Membership.objects.get(user=person, organization=org).role == "member"
    assert mail.outbox[-1].to == ["new@example.org"]
    # Approving again changes nothing and says so.
    response = client.post(f"/organizations/{org.slug}/join-requests/{join_request.pk}/approve/", follow=True)
    assert "already been answered" in response.content.decode()
    assert Membership.objects.filter(user=person, organization=org).count() == 1


def test_join_request_refused_when_pending_member_or_recently_declined(org, manager):
    person = UserFactory()
    first = joining.join_request_create(organization=org, user=person, message="")
    with pytest.raises(ServiceError, match="already asked"):
        joining.join_request_create(organization=org, user=person)
    joining.join_request_decline(join_request=first, by=manager, reason="Staff only.")
    with pytest.raises(ServiceError, match="declined your request recently"):
        joining.join_request_create(organization=org, user=person)
    JoinRequest.objects.filter(pk=first.pk).update(decided_at=timezone.now() - timedelta(days=31))
    again = joining.join_request_create(organization=org, user=person)
    joining.join_request_approve(join_request=again, by=manager)
    with pytest.raises(ServiceError, match="already a member"):
        joining.join_request_create(organization=org, user=person)


def test_join_request_to_an_unknown_organization_is_404(client):
    client.force_login(UserFactory())
    assert client.post("/organizations/no-such-ngo/join/", {"message": "hi"}).status_code == 404


def test_join_request_needs_sign_in_and_post(client, org):
    response = client.post(f"/organizations/{org.slug}/join/", {"message": "hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.get(f"/organizations/{org.slug}/join/").status_code == 405


def test_too_long_message_is_a_form_error(client, org):
    client.force_login(UserFactory())
    response = client.post(f"/organizations/{org.slug}/join/", {"message": "x" * 1001})
    assert response.status_code == 200 and response.context["form"].errors
    assert not JoinRequest.objects.exists()


def test_only_the_organizations_managers_decide(client, org, manager):
    person = UserFactory()
    join_request = joining.join_request_create(organization=org, user=person)
    other_manager = UserFactory()
    MembershipFactory(user=other_manager, organization=OrganizationFactory(), role=Membership.Role.MANAGER)
    member = UserFactory()
    MembershipFactory(user=member, organization=org)
    for outsider in (other_manager, member, person):
        client.force_login(outsider)
        response = client.post(f"/organizations/{org.slug}/join-requests/{join_request.pk}/approve/")
        assert response.status_code == 404
    assert not Membership.objects.filter(user=person).exists()


def test_decline_with_reason_tells_the_person(client, org, manager, django_capture_on_commit_callbacks):
    person = UserFactory(email="asker@example.org")
    join_request = joining.join_request_create(organization=org, user=person)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/organizations/{org.slug}/join-requests/{join_request.pk}/decline/", {"reason": "Staff only."})
    join_request.refresh_from_db()
    assert join_request.status == "declined" and join_request.decline_reason == "Staff only."
    assert mail.outbox[-1].to == ["asker@example.org"] and "Staff only." in mail.outbox[-1].body


def test_organization_page_offers_to_join_and_shows_a_pending_request(client, org, manager):
    anonymous = client.get(f"/organizations/{org.slug}/").content.decode()
    assert "Sign in to ask to join" in anonymous
    person = UserFactory()
    client.force_login(person)
    assert 'action="/organizations/minato/join/"' in client.get(f"/organizations/{org.slug}/").content.decode()
    joining.join_request_create(organization=org, user=person)
    assert "Withdraw my request" in client.get(f"/organizations/{org.slug}/").content.decode()


# NGO applications -------------------------------------------------------------------------------


def _application_data(**extra):
    field = FieldOfActivityFactory(slug="environment", name="Environment")
    data = {
        "name_en": "Sapporo Forest Friends",
        "name_ja": "さっぽろ森の友の会",
        "legal_form": "npo",
        "head_office": "01",
        "countries_of_operation": "Mongolia, Laos",
        "fields_of_activity": [field.pk],
        "website": "https://forest.example.org",
        "applicant_role": "Secretary general",
        "description": "Tree planting.",
    }
    data.update(extra)
    return data


def test_apply_then_staff_approve_makes_the_applicant_manager(client, staff, django_capture_on_commit_callbacks):
    applicant = UserFactory(email="applicant@example.org")
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/organizations/apply/", _application_data())
    assert response.status_code == 302
    application = OrganizationApplication.objects.get()
    assert application.status == "submitted" and mail.outbox[-1].to == ["officer@example.org"]
    assert list(applications_awaiting_review(staff)) == [application]
    assert list(applications_awaiting_review(applicant)) == []
    # Nobody but staff and the applicant sees it; only staff review it.
    client.force_login(UserFactory())
    assert client.get(f"/organizations/applications/{application.pk}/").status_code == 404
    client.force_login(applicant)
    assert client.get(f"/organizations/applications/{application.pk}/").status_code == 200
    client.post(f"/organizations/applications/{application.pk}/", {"action": "approve"})
    application.refresh_from_db()
    assert application.status == "submitted"

    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organizations/applications/{application.pk}/", {"action": "approve"})
    assert response.status_code == 302
    organization = Organization.objects.get(name="Sapporo Forest Friends")
    assert organization.name_ja == "さっぽろ森の友の会" and organization.prefecture == "01"
    membership = Membership.objects.get(organization=organization)
    assert (membership.user, membership.role, membership.job_title) == (applicant, "manager", "Secretary general")
    assert mail.outbox[-1].to == ["applicant@example.org"]
    client.force_login(applicant)
    assert client.get(f"/organizations/{organization.slug}/members/").status_code == 200


def test_ask_for_changes_then_resubmit(client, staff):
    applicant = UserFactory()
    client.force_login(applicant)
    client.post("/organizations/apply/", _application_data())
    application = OrganizationApplication.objects.get()
    client.force_login(staff)
    response = client.post(f"/organizations/applications/{application.pk}/", {"action": "changes", "message": ""})
    assert response.status_code == 200 and "Write a message" in response.content.decode()
    client.post(f"/organizations/applications/{application.pk}/", {"action": "changes", "message": "Add the URL."})
    application.refresh_from_db()
    assert application.status == "changes_requested"
    client.force_login(applicant)
    data = _application_data(website="https://forest-friends.example.org")
    data["fields_of_activity"] = [application.fields_of_activity.get().pk]
    response = client.post(f"/organizations/applications/{application.pk}/edit/", data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted" and application.website == "https://forest-friends.example.org"


def test_decline_needs_a_reason(staff):
    applicant = UserFactory()
    application = OrganizationApplication.objects.create(
        applicant=applicant, name_en="A", name_ja="あ", legal_form="npo", head_office="13", applicant_role="x"
    )
    with pytest.raises(ServiceError):
        joining.application_decline(application=application, by=staff, reason=" ")
    joining.application_decline(application=application, by=staff, reason="Not an NGO.")
    with pytest.raises(ServiceError, match="not waiting"):
        joining.application_approve(application=application, by=staff)


@pytest.mark.parametrize(
    ("name_en", "name_ja"),
    [
        ("MINATO WATER PARTNERS", "新しい会"),  # case
        ("Ｍｉｎａｔｏ　Ｗａｔｅｒ　Ｐａｒｔｎｅｒｓ", "新しい会"),  # full-width letters and space
        ("New Friends", "みなと水協力会"),  # the Japanese name of an existing NGO
        ("New Friends", "ﾐﾅﾄ"),  # half-width katakana of an existing Japanese name
    ],
)
def test_duplicate_names_are_caught_across_languages_case_and_width(client, org, name_en, name_ja):
    org.name_ja = "みなと水協力会"
    org.save()
    OrganizationFactory(name="Katakana NGO", name_ja="ミナト", slug="katakana")
    client.force_login(UserFactory())
    response = client.post("/organizations/apply/", _application_data(name_en=name_en, name_ja=name_ja))
    assert response.status_code == 200
    assert "already in the programme" in response.content.decode()
    assert not OrganizationApplication.objects.exists()


def test_applications_list_is_for_staff(client, staff):
    client.force_login(UserFactory())
    assert client.get("/organizations/applications/").status_code == 404
    client.force_login(staff)
    assert client.get("/organizations/applications/").status_code == 200


# Bulk invitations -------------------------------------------------------------------------------


def _csv(text: str, name="team.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_csv_rows_are_checked_one_by_one(client, org, manager, django_capture_on_commit_callbacks):
    member = UserFactory(email="already@example.org")
    MembershipFactory(user=member, organization=org)
    client.force_login(manager)
    csv_text = (
        "name,email,role\n"
        "Aiko Sato,aiko@example.org,member\n"
        "Ben Lee,ben@example.org,manager\n"
        "Already,already@example.org,member\n"
        "Broken,not-an-address,member\n"
        "Aiko again,AIKO@example.org,member\n"
        "Odd,odd@example.org,boss\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organizations/{org.slug}/members/invite/",
            {"csv_file": _csv(csv_text), "role": "member", "language": "en"},
        )
    assert response.status_code == 200
    outcomes = [(row.email, row.outcome) for row in response.context["result"].rows]
    assert outcomes == [
        ("aiko@example.org", "invited"),
        ("ben@example.org", "invited"),
        ("already@example.org", "member"),
        ("not-an-address", "invalid"),
        ("aiko@example.org", "invalid"),
        ("odd@example.org", "invalid"),
    ]
    assert Invitation.objects.get(email="ben@example.org").role == "manager"
    assert Invitation.objects.get(email="aiko@example.org").name == "Aiko Sato"
    # Invitees without an account get the English email and the English page.
    body = mail.outbox[0].body
    assert "Dear Aiko Sato" in body and "/organizations/invitations/" in body and "/ja/" not in body
    page = response.content.decode()
    assert "Not a valid email address." in page and "Listed twice." in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "Paste email addresses or choose a CSV file."),
        ("name,email,role\n", "header but no people"),
        ("just,some,words\nmore,words,here\n", "must name the columns"),
        ('name,email,role\n=HYPERLINK("http://x"),a@example.org,member\n', "spreadsheet formula"),
        (
            "name,email,role\nA,b@example.org,member\n@SUM(1),c@example.org,member\n",
            "Row 3 holds a spreadsheet formula",
        ),
        ("name,email,role\n" + "".join(f"P{i},p{i}@example.org,member\n" for i in range(5000)), "5000 rows"),
    ],
)
def test_bad_csv_files_send_nothing(client, org, manager, content, message):
    client.force_login(manager)
    data = {"role": "member", "language": "en"}
    if content:
        data["csv_file"] = _csv(content)
    response = client.post(f"/organizations/{org.slug}/members/invite/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Invitation.objects.exists()


def test_binary_and_shift_jis_files(client, org, manager):
    client.force_login(manager)
    url = f"/organizations/{org.slug}/members/invite/"
    binary = SimpleUploadedFile("x.csv", b"PK\x03\x04\x00\x00binary", content_type="text/csv")
    response = client.post(url, {"csv_file": binary, "role": "member", "language": "en"})
    assert "not a CSV file" in response.content.decode()
    sjis = SimpleUploadedFile(
        "x.csv", "氏名,メールアドレス,役割\n佐藤 愛子,sato@example.org,メンバー\n".encode("cp932")
    )
    response = client.post(url, {"csv_file": sjis, "role": "member", "language": "ja"})
    assert [(r.name, r.outcome) for r in response.context["result"].rows] == [("佐藤 愛子", "invited")]
    assert Invitation.objects.get().language == "ja"


def test_pasted_addresses(client, org, manager):
    client.force_login(manager)
    response = client.post(
        f"/organizations/{org.slug}/members/invite/",
        {"addresses": "a@example.org, b@example.org\nc@example.org", "role": "member", "language": "en"},
    )
    assert [r.outcome for r in response.context["result"].rows] == ["invited"] * 3
    response = client.post(
        f"/organizations/{org.slug}/members/invite/", {"addresses": "a@example.org", "role": "member", "language": "en"}
    )
    assert response.context["result"].rows[0].outcome == "pending"


def test_resend_and_revoke_pending_invitations(client, org, manager, django_capture_on_commit_callbacks):
    client.force_login(manager)
    client.post(
        f"/organizations/{org.slug}/members/invite/", {"addresses": "a@example.org", "role": "member", "language": "en"}
    )
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/organizations/{org.slug}/invitations/{invitation.pk}/resend/", follow=True)
    assert "was sent again" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=10)
    assert mail.outbox[-1].to == ["a@example.org"]
    client.post(f"/organizations/{org.slug}/invitations/{invitation.pk}/revoke/")
    response = client.post(f"/organizations/{org.slug}/invitations/{invitation.pk}/resend/", follow=True)
    assert "Only pending invitations can be sent again." in response.content.decode()


def test_bulk_invite_is_for_the_organizations_managers(client, org):
    client.force_login(UserFactory())
    assert client.get(f"/organizations/{org.slug}/members/invite/").status_code == 404
