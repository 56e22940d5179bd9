"""Account hardening: MFA for privileged roles, sessions, rate limits, audit trail, Redis outages."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from lms.models import AuditEvent
from organizations.factories import MembershipFactory, UserFactory
from organizations.models import Membership, ProgrammeRole

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-2024"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def login(client, user, password=PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": user.email, "password": password}, **extra)


@override_settings(LMS_REQUIRE_MFA_FOR_ROLES=True)
@pytest.mark.parametrize("role", [ProgrammeRole.PROGRAMME_STAFF, ProgrammeRole.EDITORS, ProgrammeRole.ADVISORS])
def test_privileged_roles_must_enrol_in_mfa(client_for, role):
    user = UserFactory(groups=[role])
    c = client_for(user)
    response = c.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    assert c.get(reverse("mfa_activate_totp")).status_code in (200, 302)  # setup itself is reachable
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert c.get("/organizations/").status_code == 200


@override_settings(LMS_REQUIRE_MFA_FOR_ROLES=True)
def test_learners_are_not_asked_for_mfa(client_for, member):
    assert client_for(member).get("/organizations/").status_code == 200


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_session_is_rotated_on_login(client, user):
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    login(client, user)
    assert client.session.session_key != before


def test_other_sessions_end_on_password_change(user):
    first, second = Client(), Client()
    login(first, user)
    login(second, user)
    response = first.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "a-new-Long-pass-99", "password2": "a-new-Long-pass-99"},
    )
    if response.status_code == 302 and "reauthenticate" in response["Location"]:
        first.post(response["Location"], {"password": PASSWORD})
        first.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": "a-new-Long-pass-99", "password2": "a-new-Long-pass-99"},
        )
    user.refresh_from_db()
    assert user.check_password("a-new-Long-pass-99")
    assert first.get(reverse("profile")).status_code == 200  # the changing session stays signed in
    assert second.get(reverse("profile")).status_code == 302  # the other one is signed out


def test_rate_limit_ignores_case_and_forwarded_for(client, user):
    for index in range(5):
        login(client, user, password="wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{index}")
    response = client.post(
        reverse("account_login"), {"login": user.email.upper(), "password": PASSWORD}, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_signup_and_reset_are_rate_limited(client):
    statuses = [
        client.post(reverse("account_reset_password"), {"email": "x@example.org"}).status_code for _ in range(7)
    ]
    assert 429 in statuses


def test_login_failures_and_role_changes_are_audited(client, organization, manager, member):
    login(client, manager, password="wrong")
    assert AuditEvent.objects.filter(action="login.failed", actor_repr=manager.email).exists()
    from organizations import services

    services.membership_set_role(membership=Membership.objects.get(user=member), role="manager", by=manager)
    event = AuditEvent.objects.get(action="membership.role_changed")
    assert event.actor == manager and event.details == {"from": "member", "to": "manager"}
    member.groups.add(Group.objects.get(name=ProgrammeRole.ADVISORS))
    assert AuditEvent.objects.filter(action="role.granted", target_id=str(member.pk)).exists()


def test_programme_staff_read_the_audit_trail_and_learners_cannot(client_for, programme_staff):
    AuditEvent.objects.create(action="export.csv", actor_repr="someone@example.org")
    response = client_for(programme_staff).get("/admin/audit/")
    assert response.status_code == 200 and b"export.csv" in response.content
    learner = MembershipFactory().user
    response = client_for(learner).get("/admin/audit/")
    assert response.status_code in (302, 403)
    staff_user = UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF])
    assert client_for(staff_user).get("/admin/audit/add/").status_code in (302, 403, 404)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "lms.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_site_degrades_when_redis_is_down(client, user):
    from django.core.cache import caches

    caches._settings = None  # noqa: SLF001 - rebuild caches for the overridden settings
    assert client.get("/").status_code == 200
    assert login(client, user).status_code == 302
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["cache"] == "error"


def test_every_cache_call_degrades_when_redis_is_down():
    from lms import cache_versions
    from lms.cache import ResilientRedisCache

    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    assert down.get_many(["a", "b"]) == {}
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert down.get("a", "fallback") == "fallback"
    with override_settings(
        CACHES={"default": {"BACKEND": "lms.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    ):
        from django.core.cache import caches

        caches._settings = None  # noqa: SLF001 - rebuild caches for the overridden settings
        assert cache_versions.current_many(["x", "y"]) == [0, 0]
        cache_versions.bump("x")


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:///evil.example",
        "\x00https://evil.example",
    ],
)
def test_next_parameters_never_redirect_off_site(client, user, target):
    response = login(client, user, **{})
    client.post(reverse("account_logout"))
    response = client.post(
        f"{reverse('account_login')}?next={target}", {"login": user.email, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"] and "javascript" not in response["Location"]
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert "evil.example" not in response.get("Location", "")


def test_long_and_binary_input_is_handled(client_for, organization, manager):
    url = reverse("organizations:members", args=[organization.slug])
    for payload in ["a" * 100_000 + "@example.org", "\x00\x01\x02\xff", "😀" * 1000]:
        response = client_for(manager).post(url, {"email": payload, "role": "member"})
        assert response.status_code == 200
    response = client_for(None).get(reverse("search"), {"q": "\x00" * 10 + "x" * 10_000})
    assert response.status_code == 200
