"""Rate limits behind a proxy count the real client: the address the trusted proxies saw, never a forged one."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from lms.models import AuditEvent


def _fail_login(client, user, forwarded: str | None) -> str:
    """ "limited" when the failed-login limit refused the try, else "tried"."""
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"}, **extra)
    limited = response.status_code == 429 or b"Too many failed login attempts" in response.content
    return "limited" if limited else "tried"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def many_accounts(db):
    from organizations.factories import UserFactory

    # The per-address limit is 10 a minute; the per-account one is 5, so spread tries over accounts.
    return [UserFactory() for _ in range(12)]


def test_one_trusted_proxy_counts_the_address_it_appended(client, settings, many_accounts):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # An attacker forges a new first entry each time; the proxy appends the real address last.
    outcomes = [_fail_login(client, user, f"198.51.100.{i}, 203.0.113.7") for i, user in enumerate(many_accounts)]
    assert outcomes.index("limited") == 10, outcomes  # the per-address limit: 10 a minute
    # Another real client behind the same proxy is not blocked by the first one's failures.
    assert _fail_login(client, many_accounts[0], "203.0.113.99") == "tried"


def test_without_trusted_proxies_forwarded_for_is_ignored(client, settings, many_accounts):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    outcomes = [_fail_login(client, user, f"203.0.113.{i}") for i, user in enumerate(many_accounts)]
    # Every forged address is the same client (REMOTE_ADDR): the limit still applies.
    assert outcomes.index("limited") == 10, outcomes


def test_audit_records_the_client_address_the_proxies_saw(client, settings, user):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    _fail_login(client, user, "198.51.100.1, 203.0.113.7")
    event = AuditEvent.objects.filter(action="login.failed").latest("created_at")
    assert event.ip_address == "203.0.113.7"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    _fail_login(client, user, "198.51.100.1, 203.0.113.8")
    event = AuditEvent.objects.filter(action="login.failed").latest("created_at")
    assert event.ip_address == "127.0.0.1"
