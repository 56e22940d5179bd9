"""The TOTP code that activated two-factor sign-in can't be replayed to sign in."""

import time
from unittest import mock

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

PASSWORD = "demo-pass-2024"


def _code(secret: str, at: float) -> str:
    return format_hotp_value(hotp_value(secret, int(at) // 30))


def _activate(client, user) -> tuple[str, str]:
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    if response.status_code == 302:  # allauth asks for the password again before security changes
        client.post(response["Location"], {"password": PASSWORD})
        client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = _code(secret, time.time())
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302, response.content[:500]
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    client.post(reverse("account_logout"))
    return secret, code


def _sign_in_with(client, user, code):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "2fa/authenticate" in response["Location"]
    return client.post(reverse("mfa_authenticate"), {"code": code})


def test_the_activation_code_cannot_be_used_to_sign_in(client, user):
    _secret, code = _activate(client, user)
    response = _sign_in_with(client, user, code)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Incorrect code" in response.content.decode()


def test_a_new_code_signs_in(client, user):
    secret, _code_used = _activate(client, user)
    later = time.time() + 30
    with mock.patch("allauth.mfa.totp.internal.auth.time.time", return_value=later):
        response = _sign_in_with(client, user, _code(secret, later))
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == user.pk
