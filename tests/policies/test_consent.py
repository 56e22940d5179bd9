"""Policies with versions: consent at sign-up, again at sign-in after a new version, and staff's view."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from organizations.factories import UserFactory
from organizations.models import ProgrammeRole, User
from policies.models import PolicyConsent
from policies.selectors import current_policies, outdated_policies
from policies.services import consent_record

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-Pass-phrase-77"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _signup(client, prefix="", **extra):
    data = {
        "email": "new.person@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Aiko",
        "last_name": "Tanaka",
        "preferred_language": "en",
        "time_zone": "Asia/Bangkok",
        "accept_terms": "on",
        "accept_privacy": "on",
    }
    data.update(extra)
    return client.post(f"{prefix}/accounts/signup/", {k: v for k, v in data.items() if v is not None})


def test_signup_stores_name_language_time_zone_and_consent(client, policies):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert (user.first_name, user.last_name, user.time_zone) == ("Aiko", "Tanaka", "Asia/Bangkok")
    assert user.get_full_name() == "Aiko Tanaka"
    consents = {c.policy.kind: c for c in PolicyConsent.objects.filter(user=user).select_related("policy")}
    assert set(consents) == {"terms", "privacy"}
    assert consents["terms"].revision_id == policies["terms"].live_revision_id
    assert consents["terms"].consented_at is not None


def test_signup_without_consent_is_refused_with_a_message(client, policies):
    response = _signup(client, accept_terms=None)
    assert response.status_code == 200
    assert "You need to accept the terms of use." in response.content.decode()
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_signup_without_a_name_is_refused(client, policies):
    response = _signup(client, first_name="  ")
    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_form_links_policies_and_orders_names_by_language(client, policies):
    english = client.get("/accounts/signup/").content.decode()
    assert english.index('name="first_name"') < english.index('name="last_name"')
    assert policies["terms"].url in english and policies["privacy"].url in english
    japanese = client.get("/ja/accounts/signup/").content.decode()
    assert japanese.index('name="last_name"') < japanese.index('name="first_name"')


def test_allauth_subject_has_the_programme_name_not_the_host(client, policies, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # mail goes through the outbox, sent on commit
        _signup(client)
    subject = mail.outbox[-1].subject
    assert subject.startswith("[NGO Capacity Building] ")
    assert "testserver" not in subject and "127.0.0.1" not in subject
    assert "NGO Capacity Building Support programme" in mail.outbox[-1].body


def test_new_version_asks_for_consent_again_at_next_sign_in_and_honours_next(client, policies):
    user = UserFactory(password=PASSWORD)
    consent_record(user=user, policies=current_policies())
    assert outdated_policies(user) == []
    page = policies["privacy"]
    page.body = "<p>Version two.</p>"
    page.summary_of_changes = "We now keep sign-in history for 90 days."
    page.save_revision().publish()
    page.refresh_from_db()
    assert [p.kind for p in outdated_policies(user)] == ["privacy"]

    response = client.post(reverse("account_login") + "?next=/learning/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/learning/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/consent/?next=")
    page_html = client.get(response["Location"]).content.decode()
    assert "We now keep sign-in history for 90 days." in page_html

    refused = client.post("/accounts/consent/", {"next": "/learning/"})
    assert refused.status_code == 200 and "Tick the box to agree" in refused.content.decode()
    response = client.post("/accounts/consent/", {"agree": "on", "next": "/learning/"})
    assert response.status_code == 302 and response["Location"] == "/learning/"
    assert PolicyConsent.objects.filter(user=user, revision_id=page.live_revision_id).count() == 1
    assert client.get("/learning/").status_code == 200


def test_consent_next_never_leaves_the_site(client, policies):
    user = UserFactory()
    client.force_login(user)
    for target in ("https://evil.example/", "//evil.example/", "before after", "javascript:alert(1)"):
        response = client.post("/accounts/consent/", {"agree": "on", "next": target})
        assert response.status_code == 302 and response["Location"] in ("/", "/dashboard/"), target


def test_consent_page_needs_sign_in(client, policies):
    response = client.get("/accounts/consent/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_consenting_twice_keeps_one_record(policies):
    user = UserFactory()
    consent_record(user=user, policies=current_policies())
    consent_record(user=user, policies=current_policies())
    assert PolicyConsent.objects.filter(user=user).count() == 2  # one per policy


def test_footer_links_the_policies_in_the_readers_language(client, policies):
    html = client.get("/organizations/").content.decode()
    assert 'href="/policies/terms/"' in html and 'href="/policies/privacy/"' in html
    response = client.get("/policies/privacy/")
    assert response.status_code == 302 and response["Location"] == policies["privacy"].url
    assert client.get("/policies/nonsense/").status_code == 404


def test_staff_see_who_consented_in_the_admin(client, policies):
    learner = UserFactory(email="consenting@example.org")
    consent_record(user=learner, policies=current_policies())
    staff = UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF], is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    consent_record(user=staff, policies=current_policies())
    client.force_login(staff)
    response = client.get("/admin/policy_consents/")
    assert response.status_code == 200
    assert learner.get_full_name() in response.content.decode()
    assert client.get("/admin/policy_consents/new/").status_code in (302, 403)

    outsider = UserFactory(is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    consent_record(user=outsider, policies=current_policies())
    client.force_login(outsider)
    assert client.get("/admin/policy_consents/").status_code in (302, 403)
