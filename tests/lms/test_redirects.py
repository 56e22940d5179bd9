"""Open-redirect payloads against every ``next`` (and Referer) the site follows.

Where the site redirects after an action to a place the request names: allauth's login, signup and
logout (``next`` in the query string or the form), the language switch (``next``, else the
Referer), cancelling a seminar registration (``next``) and Wagtail's login door for private pages.
The Location must land on this site as a browser reads it: browsers drop tabs and newlines,
trim control characters and treat ``\\`` like ``/``, so ``/\\evil.example`` is another host.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from organizations.factories import UserFactory

PASSWORD = "demo-pass-2024"
PAYLOADS = [
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "https://evil.example",
    "http://evil.example/path",
    "HTTPS://EVIL.EXAMPLE",
    "https:evil.example",
    "https:/evil.example",
    "http:///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "%2F%2Fevil.example",
    "%2f%5cevil.example",
    "/%2F/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "\x00//evil.example",
    "//evil.example@testserver",
    "https://testserver@evil.example",
    "https://testserver.evil.example",
    "//evil%2Eexample",
    "//evil.example\\@testserver",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "javascript://%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


def lands_on_site(location: str) -> bool:
    """Where a browser goes with this Location, seen from a page of the site."""
    value = re.sub(r"[\t\n\r]", "", location).strip("".join(map(chr, range(0x21)))).replace("\\", "/")
    target = urlsplit(urljoin("http://testserver/some/page/", value))
    return target.scheme in ("http", "https") and target.hostname == "testserver"


@pytest.mark.parametrize(
    ("location", "expected"),
    [("/ok/", True), ("https://testserver/x", True), ("//evil.example", False), ("/\\evil.example", False)]
    + [("\t//evil.example", False), ("javascript:alert(1)", False), ("%2F%2Fevil.example", True)],
)
def test_the_check_reads_locations_like_a_browser(location, expected):
    assert lands_on_site(location) is expected


def assert_stays(response, what: str, payload: str):
    assert response.status_code < 500, (what, payload, response.status_code)
    if response.status_code in (301, 302, 303, 307, 308):
        assert lands_on_site(response["Location"]), f"{what} sent {payload!r} to {response['Location']!r}"


@pytest.fixture
def registration(home_page, db):
    from courses.factories import SeminarIndexPageFactory, SeminarPageFactory, SeminarSessionFactory
    from courses.models import SeminarRegistration

    index = SeminarIndexPageFactory(parent=home_page)
    session = SeminarSessionFactory(seminar=SeminarPageFactory(parent=index))
    return SeminarRegistration.objects.create(
        session=session, user=UserFactory(), status=SeminarRegistration.Status.CONFIRMED
    )


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_next_parameter_leaves_the_site(payload, registration):
    cache.clear()
    user = UserFactory()
    login = reverse("account_login")
    anonymous = Client()
    # Login: next in the query string and in the form.
    response = anonymous.post(login + "?" + _q(payload), {"login": user.email, "password": PASSWORD})
    assert_stays(response, "login ?next", payload)
    signed_in = Client()
    response = signed_in.post(login, {"login": user.email, "password": PASSWORD, "next": payload})
    assert_stays(response, "login next", payload)
    # Signed in, the login page sends you on: still not off-site.
    assert_stays(signed_in.get(login + "?" + _q(payload)), "login page when signed in", payload)
    # Language switch: next, then the Referer when next is refused.
    for client in (anonymous, signed_in):
        response = client.post(reverse("set_language"), {"language": "en", "next": payload})
        assert_stays(response, "set_language next", payload)
        response = client.post(reverse("set_language"), {"language": "en"}, HTTP_REFERER=payload)
        assert_stays(response, "set_language Referer", payload)
    # Cancelling a seminar registration.
    owner = Client()
    owner.force_login(registration.user)
    response = owner.post(reverse("courses:registration_cancel", args=[registration.pk]), {"next": payload})
    assert_stays(response, "registration_cancel next", payload)
    # Logout.
    response = signed_in.post(reverse("account_logout"), {"next": payload})
    assert_stays(response, "logout next", payload)
    # Signup (rate limited per address: a fresh one each time).
    cache.clear()
    email = f"signup-{abs(hash(payload))}@example.org"
    response = Client().post(
        reverse("account_signup") + "?" + _q(payload),
        {
            "email": email,
            "password1": "a-Long-pass-2024!",
            "password2": "a-Long-pass-2024!",
            "first_name": "Aiko",
            "last_name": "Tanaka",
            "preferred_language": "en",
            "time_zone": "Asia/Tokyo",
            "next": payload,
        },
    )
    assert_stays(response, "signup next", payload)
    # Wagtail's login door for private pages hands next on to allauth.
    response = Client().get(reverse("wagtailcore_login") + "?" + _q(payload), follow=False)
    assert_stays(response, "wagtail login next", payload)


def _q(payload: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": payload})
