"""Accounts through allauth: signup, mandatory verification, login, logout, reset, rate limits."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from organizations.models import User

pytestmark = pytest.mark.django_db

NAMES = {"first_name": "Aiko", "last_name": "Tanaka", "preferred_language": "en", "time_zone": "Asia/Tokyo"}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _link(message):
    return re.search(r"https?://[^\s]+", message.body).group(0)


def test_signup_verify_login_logout(client, django_capture_on_commit_callbacks):
    # allauth's mail takes the project's path: kept in the outbox, sent when the request commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "New.Person@Example.org",
                "password1": "a-long-Pass-phrase-77",
                "password2": "a-long-Pass-phrase-77",
                **NAMES,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert not user.emailaddress_set.get().verified

    # Unverified: login is held at the verification step.
    client.post(reverse("account_logout"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_login"), {"login": "new.person@example.org", "password": "a-long-Pass-phrase-77"}
        )
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session

    link = _link(mail.outbox[-1])
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    client.post(reverse("account_logout"))
    response = client.post(
        reverse("account_login"), {"login": "new.person@example.org", "password": "a-long-Pass-phrase-77"}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk

    # Logout by GET only shows a confirmation; POST signs out.
    assert client.get(reverse("account_logout")).status_code == 200
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_signup_remembers_language(client):
    client.post(
        "/ja/accounts/signup/",
        {
            "email": "ja@example.org",
            "password1": "a-long-Pass-phrase-77",
            "password2": "a-long-Pass-phrase-77",
            **NAMES,
            "preferred_language": "ja",
        },
    )
    user = User.objects.get(email="ja@example.org")
    assert user.preferred_language == "ja"
    assert user.get_full_name() == "Tanaka Aiko"  # signed up in Japanese: family name first


def test_password_reset_does_not_reveal_accounts(client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": user.email})
        unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 2  # the unknown address is told no account exists, not the requester
    assert {m.to[0] for m in mail.outbox} == {user.email, "nobody@example.org"}


def test_login_rate_limited_after_repeated_failures(client, user):
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    assert response.status_code in (200, 429)
    assert b"Too many failed login attempts" in response.content or response.status_code == 429
    # Even the right password is refused while limited.
    response = client.post(reverse("account_login"), {"login": user.email, "password": "demo-pass-2024"})
    assert "_auth_user_id" not in client.session


def test_login_with_right_password(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "demo-pass-2024"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_mfa_totp_can_be_activated_after_login(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": "demo-pass-2024"})
    assert client.get(reverse("mfa_index")).status_code == 200
    response = client.get(reverse("mfa_activate_totp"))
    if response.status_code == 302:  # allauth asks for the password again before security changes
        assert "reauthenticate" in response["Location"]
        client.post(response["Location"], {"password": "demo-pass-2024"})
        response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert b"otpauth" in response.content or b"secret" in response.content.lower()


def test_profile_requires_login_and_saves(client_for, user):
    assert client_for(None).get(reverse("profile")).status_code == 302
    c = client_for(user)
    response = c.post(
        reverse("profile"),
        {
            "first_name": "A",
            "last_name": "B",
            "display_name": "",
            "name_order": "family_first",
            "preferred_language": "ja",
            "time_zone": "Europe/London",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "ja" and user.time_zone == "Europe/London"
    assert user.get_full_name() == "B A"


def test_profile_rejects_bad_time_zone(client_for, user):
    response = client_for(user).post(
        reverse("profile"), {"preferred_language": "en", "time_zone": "Mars/Base", "name_order": "given_first"}
    )
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
