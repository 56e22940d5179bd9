"""What a signed-in request pays before any page work: the ceiling answers the view, in no queries.

The person, their role groups and their two-factor state come from the cache (lms.auth); with cached
sessions, the project's middleware then costs a signed-in request no database round trip at all.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.factories import UserFactory
from organizations.models import ProgrammeRole

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.lms.bench_urls")]


@pytest.fixture(autouse=True)
def _cached_sessions(settings):
    settings.SESSION_ENGINE = "lms.sessions"


def test_signed_in_ceiling_answers_the_view_not_a_language_redirect(client_for):
    learner = UserFactory(preferred_language="ja")
    response = client_for(learner).get("/bench/ok/")
    assert response.status_code == 200 and response.content == b"ok"


def test_ceiling_and_health_with_a_japanese_cookie_are_not_redirected(client):
    client.cookies["lms_language"] = "ja"
    assert client.get("/bench/ok/").status_code == 200
    assert client.get("/health/").status_code == 200


def test_pages_are_still_redirected_to_the_chosen_language(client_for):
    learner = UserFactory(preferred_language="ja")
    response = client_for(learner).get("/learning/")
    assert response.status_code == 302 and response["Location"] == "/ja/learning/"


@pytest.mark.parametrize("role", [None, ProgrammeRole.ADVISORS])
def test_signed_in_ceiling_takes_no_query_once_warm(client_for, settings, role):
    settings.LMS_REQUIRE_MFA_FOR_ROLES = True  # the role check runs, as in production
    user = UserFactory(groups=[role] if role else [])
    if role:
        from allauth.mfa.models import Authenticator

        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = client_for(user)
    client.get("/bench/ok/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/bench/ok/")
    assert response.status_code == 200 and response.content == b"ok"
    assert len(queries.captured_queries) == 0, [q["sql"] for q in queries.captured_queries]


def test_a_changed_password_still_signs_the_session_out(client_for):
    user = UserFactory()
    client = client_for(user)
    assert client.get("/learning/").status_code == 200
    user.set_password("a-new-password-2024")
    user.save()
    response = client.get("/learning/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deactivated_account_is_signed_out_on_its_next_request(client_for):
    user = UserFactory()
    client = client_for(user)
    assert client.get("/learning/").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/learning/").status_code == 302


@pytest.mark.parametrize("through_group", [False, True])
def test_a_new_role_shows_on_the_next_request(client_for, through_group):
    user = UserFactory()
    client = client_for(user)
    assert client.get("/programme/").status_code in (403, 404)
    group = Group.objects.get(name=ProgrammeRole.PROGRAMME_STAFF)
    if through_group:
        group.user_set.add(user)
    else:
        user.groups.add(group)
    assert client.get("/programme/").status_code == 200
    if through_group:
        group.user_set.clear()
    else:
        user.groups.remove(group)
    assert client.get("/programme/").status_code in (403, 404)


def _cache_reads(monkeypatch):
    """Counts round trips to the cache: each ``get`` or ``get_many`` (not the gets a local cache's ``get_many``
    makes inside)."""
    from django.core.cache import cache

    reads, inside = [], []
    for name in ("get", "get_many"):
        original = getattr(cache, name)

        def counted(*args, _original=original, **kwargs):
            if not inside:
                reads.append(args[0])
            inside.append(True)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, counted)
    return reads


def test_the_person_is_read_with_the_session_in_one_cache_read(client_for, monkeypatch):
    from lms.auth import HINT_COOKIE

    user = UserFactory()
    client = client_for(user)
    first = client.get("/bench/ok/")
    assert first.cookies[HINT_COOKIE].value == str(user.pk) and first.cookies[HINT_COOKIE]["httponly"]
    reads = _cache_reads(monkeypatch)
    response = client.get("/bench/ok/")
    assert response.status_code == 200 and HINT_COOKIE not in response.cookies
    assert len(reads) == 1, reads


def test_a_hint_naming_someone_else_never_signs_in_as_them(client_for):
    from lms.auth import HINT_COOKIE

    other = UserFactory(first_name="Kenji")
    client_for(other).get("/bench/ok/")  # their entry is in the cache
    user = UserFactory(first_name="Aiko")
    client = client_for(user)
    client.cookies[HINT_COOKIE] = str(other.pk)
    response = client.get("/dashboard/")
    assert b"Aiko" in response.content and b"Kenji" not in response.content
    assert response.cookies[HINT_COOKIE].value == str(user.pk)  # set right for next time


def test_signing_out_drops_the_hint(client_for):
    from lms.auth import HINT_COOKIE

    client = client_for(UserFactory())
    client.get("/bench/ok/")
    client.post("/accounts/logout/")
    response = client.get("/bench/ok/")
    assert response.cookies[HINT_COOKIE].value == "" and response.cookies[HINT_COOKIE]["max-age"] == 0
