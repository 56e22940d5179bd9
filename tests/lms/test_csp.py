"""The site's strict policy and the Wagtail admin's own policy both reach the browser."""

import pytest

from organizations.factories import UserFactory
from organizations.models import ProgrammeRole

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: set(part.split()[1:]) for part in header.split("; ")}


def test_public_pages_forbid_inline_script_and_style(client, home_page):
    policy = directives(client.get("/"))
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}


def test_admin_gets_its_own_policy_and_nothing_looser_than_it_needs(client, home_page):
    client.force_login(UserFactory(groups=[ProgrammeRole.EDITORS]))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["style-src"] == {"'self'", "'unsafe-inline'"}
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["base-uri"] == {"'none'"}
    assert policy["connect-src"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'self'"}  # the preview panel frames the admin's own preview view
    assert b"gravatar" not in response.content


def test_admin_sign_in_redirect_carries_the_admin_policy(client):
    response = client.get("/admin/pages/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_a_view_that_sets_its_own_policy_keeps_it(rf, settings):
    from django.http import HttpResponse

    from lms.csp import SiteCSPMiddleware

    response = HttpResponse()
    response._csp_config = {"default-src": ["'none'"]}
    request = rf.get("/admin/documents/")
    middleware = SiteCSPMiddleware(lambda request: response)
    assert middleware(request)["Content-Security-Policy"] == "default-src 'none'"


def test_the_site_policy_is_built_once_and_follows_a_settings_change(client, home_page, settings):
    from csp.utils import build_policy

    assert client.get("/")["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"
