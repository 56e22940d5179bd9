"""Very long, binary and absurd input on every form of the site (issue 10, "Input attacks").

One parametrized test per (endpoint, attack) over ``tests/lms/post_endpoints.py``: the endpoint is
posted as the role that may use it, first with valid data (the baseline must be accepted, so the
attacks reach the code behind the form), then with one kind of attack in its fields:

- ``long``: a 1 MB string in every text field;
- ``nul``: NUL bytes; ``control``: control, bidi and zero-width characters;
- ``bad_utf8``: a raw body with invalid UTF-8 and UTF-8-encoded lone surrogates;
- ``numbers``, ``dates``, ``ids``: absurd numbers, dates out of range, ids that are not ids;
- ``junk``: stray fields for endpoints that take none.

Expected: never a 500; a form error (200/400) or a saved, bounded value (302, and the page it
leads to renders); no text longer than ``STORED_TEXT_LIMIT`` and no NUL byte reaches the
database; on edit forms a refused attack leaves what was saved intact.

The demo data is loaded once for the module (``tests/lms/demo_site.py``); every test runs in its
own savepoint. Run it on PostgreSQL too (it rejects NUL in text):
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_trust_test``.
"""

import fnmatch
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.db.models.functions import Length
from django.test import Client

from tests.lms.post_endpoints import NOT_POST, POST_ENDPOINTS
from tests.test_authorization_matrix import site_url_names

MB = 1_000_000
STORED_TEXT_LIMIT = 100_000  # the longest free text a form may save
LONG_MARK = "LONGINPUT"
NUL_TEXT = "before\x00after"
CONTROL_TEXT = "a\x01\x02\x07\x08\x0b\x0c\x1b[31mred\x7f\u202eevil\u200b\ufeff\r\n\tz"
# Invalid UTF-8: a lone continuation byte, an overlong "/", bytes never valid, and the UTF-8
# encodings of lone surrogates (U+D800, U+DFFF).
BAD_UTF8 = b"x\x80y\xc0\xafz\xff\xfe\xed\xa0\x80\xed\xbf\xbf"
ABSURD_NUMBERS = ["99999999999999999999999999", "-99999999999999999999", "1e309", "NaN", "-0", "0x1F", "١٢"]
ABSURD_DATES = [
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "99999-01-01",
    "-0001-01-01",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "24:61",
]
BAD_IDS = ["abc", "²", "99999999999999999999999", "-1", "1.5", "\x00", "1 OR 1=1", ""]

APPS = ["organizations", "courses", "advisors", "studygroups", "placements", "progress", "lms"]


# Requests ---------------------------------------------------------------------------------------


def client_as(site, role: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if role != "anonymous":
        client.force_login(site.users[role])
    return client


def fields_matching(patterns, data: dict) -> list[str]:
    names = [n for p in patterns for n in (fnmatch.filter(data, p) if "*" in p else [p])]
    return list(dict.fromkeys(names))


def urlencoded(data: dict, raw: dict[str, bytes]) -> bytes:
    pairs = []
    for key, value in data.items():
        values = value if isinstance(value, list) else [value]
        pairs += [(key.encode(), str(v).encode()) for v in values]
    pairs += [(key.encode(), value) for key, value in raw.items()]
    return "&".join(quote_from_bytes(k) + "=" + quote_from_bytes(v) for k, v in pairs).encode()


def requests_for(endpoint, kind: str, site) -> list[tuple[dict, dict | None, bytes | None]]:
    """(data, files, raw body) for each request of one attack."""
    data = endpoint.baseline(site)
    files = endpoint.files(site) if endpoint.files else None
    text = fields_matching(endpoint.text, data) if "*" in "".join(endpoint.text) else list(endpoint.text)

    def with_(fields, value):
        return {**data, **dict.fromkeys(fields, value)}

    if kind == "long":
        return [(with_(text, LONG_MARK + "x" * MB), files, None)]
    if kind == "nul":
        return [(with_(text, NUL_TEXT), files, None)]
    if kind == "control":
        return [(with_(text, CONTROL_TEXT), files, None)]
    if kind == "bad_utf8":
        rest = {k: v for k, v in data.items() if k not in text}
        return [({}, None, urlencoded(rest, dict.fromkeys(text, BAD_UTF8)))]
    if kind == "numbers":
        numbers = fields_matching(endpoint.numbers, data)
        return [(with_(numbers, value), files, None) for value in ABSURD_NUMBERS]
    if kind == "dates":
        return [(with_(endpoint.dates, value), files, None) for value in ABSURD_DATES]
    if kind == "ids":
        return [(with_(endpoint.ids, value), files, None) for value in BAD_IDS]
    return [({**data, "id": BAD_IDS[1], "pk": "\x00", "junk": "x" * 1000}, files, None)]


def post(client, path, data, files, raw):
    if raw is not None:
        return client.post(path, raw, content_type="application/x-www-form-urlencoded")
    payload = dict(data)
    if files:
        for upload in files.values():
            upload.seek(0)
        payload.update(files)
    return client.post(path, payload)


def text_fields():
    for model in (m for label in APPS for m in apps.get_app_config(label).get_models()):
        for f in model._meta.concrete_fields:
            if isinstance(f, models.CharField | models.TextField) and not f.choices:
                yield model, f.name


def stored_long_values() -> list[str]:
    found = []
    for model, name in text_fields():
        rows = (
            model._default_manager.filter(**{f"{name}__contains": LONG_MARK})
            .annotate(n=Length(name))
            .filter(n__gt=STORED_TEXT_LIMIT)
        )
        found += [f"{model.__name__}.{name}" for _ in rows.values("pk")]
    return found


def stored_nul_values() -> list[str]:
    if connection.vendor != "sqlite":
        return []  # PostgreSQL cannot store one: the save itself would have failed
    # LIKE stops at a NUL in SQLite, so look at the values themselves.
    return [
        f"{model.__name__}.{name}"
        for model, name in text_fields()
        if any("\x00" in (value or "") for value in model._default_manager.values_list(name, flat=True))
    ]


def assert_safe(response, client, endpoint, kind):
    assert response.status_code < 500, f"{response.status_code} for {kind} on {endpoint.name}"
    assert response.status_code in (200, 302, 400, 403, 404, 405, 429), response.status_code
    if response.status_code in (301, 302):
        location = response["Location"]
        target = urlsplit(location)
        if not target.netloc:
            follow = client.get(location)
            assert follow.status_code < 500, f"{location} answers {follow.status_code} after {kind}"


def _cases():
    for label, endpoint in POST_ENDPOINTS.items():
        for kind in endpoint.kinds:
            yield pytest.param(label, kind, id=f"{label}-{kind}")


# Tests ------------------------------------------------------------------------------------------


def test_every_url_that_takes_post_is_attacked():
    """A new URL must be registered in post_endpoints (attacked) or in NOT_POST (with a reason)."""
    in_site = site_url_names()
    registered = {endpoint.name for endpoint in POST_ENDPOINTS.values()}
    missing = sorted(in_site - registered - set(NOT_POST))
    both = sorted(registered & set(NOT_POST))
    stale = sorted((registered | set(NOT_POST)) - in_site)
    assert not missing, "URL names neither attacked nor excluded in tests/lms/post_endpoints.py: " + ", ".join(missing)
    assert not both, "URL names both attacked and excluded: " + ", ".join(both)
    assert not stale, "entries for URL names that no longer exist: " + ", ".join(stale)


@pytest.fixture
def attack(demo_site, db):
    cache.clear()  # rate limits
    return demo_site


@pytest.mark.parametrize("label", list(POST_ENDPOINTS))
def test_baseline_is_accepted(attack, label):
    """The valid data is accepted, so the attacks below get past the form to the code behind it."""
    endpoint = POST_ENDPOINTS[label]
    site = attack
    client = client_as(site, endpoint.role)
    path = endpoint.path_for(site)
    data = endpoint.baseline(site)
    response = post(client, path, data, endpoint.files(site) if endpoint.files else None, None)
    form = response.context.get("form") if response.context and response.status_code == 200 else None
    errors = form.errors if form is not None else None
    assert response.status_code in endpoint.ok, (response.status_code, errors, path)


@pytest.mark.parametrize(("label", "kind"), list(_cases()))
def test_attack_is_refused_or_saved_safely(attack, label, kind):
    endpoint = POST_ENDPOINTS[label]
    site = attack
    client = client_as(site, endpoint.role)
    path = endpoint.path_for(site)
    for data, files, raw in requests_for(endpoint, kind, site):
        before = endpoint.keep(site) if endpoint.keep else None
        response = post(client, path, data, files, raw)
        assert_safe(response, client, endpoint, kind)
        if before is not None and response.status_code != 302:
            assert endpoint.keep(site) == before, f"a refused {kind} attack changed what {label} had saved"
        cache.clear()
    if kind == "long":
        assert not stored_long_values(), f"{label} saved a text longer than {STORED_TEXT_LIMIT}"
    if kind == "nul":
        assert not stored_nul_values(), f"{label} saved a NUL byte"


@pytest.mark.parametrize("query", ["<b>", "NOT", "a AND", "NEAR(x", '"', "*", "-x", "col:x", "^x", "x OR", "\x00"])
def test_search_syntax_is_never_an_error(client, db, query):
    """Search is the one GET form: full-text operators and punctuation are words, not syntax."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
