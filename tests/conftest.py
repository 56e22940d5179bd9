"""Fixtures every test wants, and the CI rule that a skipped test is a failure."""

import os

import pytest
from django.db import connection

from organizations.factories import MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import Membership, ProgrammeRole

# Markers whose skip is allowed in a pass that cannot run them.
ALLOWED_SKIP_MARKERS = {"postgres": "DATABASE_URL", "browser": "LMS_BROWSER_TESTS", "redis": "REDIS_URL"}


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Skip what this pass cannot run; give transactional tests serialized rollback.

    A transactional test flushes every table when it ends, which would also wipe what
    the data migrations created (the home page, the role groups) for the tests after
    it. Serialized rollback restores that data.
    """
    for item in items:
        if not _is_transactional(item):
            continue
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("serialized_rollback"):
            continue
        kwargs = dict(marker.kwargs) if marker is not None else {}
        kwargs.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)
    is_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    browsers_on = os.environ.get("LMS_BROWSER_TESTS") == "1"
    redis_on = bool(os.environ.get("REDIS_URL"))
    for item in items:
        if "redis" in item.keywords and not redis_on:
            item.add_marker(pytest.mark.skip(reason="needs a live Redis (set REDIS_URL)"))
        if "postgres" in item.keywords and not is_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)"))
        if "browser" in item.keywords and not browsers_on:
            item.add_marker(pytest.mark.skip(reason="browser tests run with LMS_BROWSER_TESTS=1"))


def _pass_cannot_run(marker: str) -> bool:
    if marker == "redis":
        return not os.environ.get("REDIS_URL")
    if marker == "postgres":
        return not os.environ.get("DATABASE_URL", "").startswith("postgres")
    return os.environ.get("LMS_BROWSER_TESTS") != "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skip hides a failure: turn every unexpected skip into a failure."""
    outcome = yield
    report = outcome.get_result()
    if not os.environ.get("CI") or not report.skipped:
        return
    allowed = any(marker in item.keywords and _pass_cannot_run(marker) for marker in ALLOWED_SKIP_MARKERS)
    if not allowed:
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI: {report.longrepr}"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and dashboards are keyed by primary keys, which a rolled-back test can hand out again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Requests leave their language active in the thread; start each test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Kanto Water Partners", slug="kanto-water")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Kyushu Health Link", slug="kyushu-health")


@pytest.fixture
def member(organization):
    return MembershipFactory(organization=organization, role=Membership.Role.MEMBER).user


@pytest.fixture
def manager(organization):
    return MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user


@pytest.fixture
def programme_staff(db):
    return UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF])


@pytest.fixture
def client_class():
    """The test client class; a folder whose views queue after-commit work uses ``tests.oncommit``'s."""
    from django.test import Client

    return Client


@pytest.fixture
def client_for(client_class, db):
    """``client_for(user)`` returns a test client signed in as that user (or anonymous for None)."""

    def make(user=None):
        c = client_class()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get(depth=2)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"
