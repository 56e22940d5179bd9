"""Browser fixtures: one Chromium per session, a fresh context per test, a live server in-process.

The tests drive Debian's Chromium (``apt-get install chromium``) through Playwright; they never
download a browser. They run only with ``LMS_BROWSER_TESTS=1`` (see tests/conftest.py). The live
server runs in this process, so ``mailoutbox`` sees the emails the site sends.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
RESULTS_DIR = REPO / "test-results"
CHROMIUM = os.environ.get("LMS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every rule axe has, at every impact level: WCAG 2.0/2.1 A and AA plus best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Every test here drives the browser against the live server. The live server needs committed data,
# and serialized_rollback restores the migrations' content (root page, groups, workflow) that
# the flush after each transactional test removes.
browser_test = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _is_browser_test(item) -> bool:
    return item is not None and item.get_closest_marker("browser") is not None and "e2e" in item.nodeid


def _snapshot():
    """The database as migrations left it, serialized by Django when the test database was made."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Empty the database before serialized_rollback loads the migrations' content into it.

    Another app's transactional test flushes without inhibiting post_migrate, which leaves content
    types and permissions behind; loading the snapshot over them would collide. Runs before fixtures.
    """
    if not _is_browser_test(item) or _snapshot() is None:
        return
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        if ContentType.objects.exists():
            call_command("flush", interactive=False, verbosity=0, reset_sequences=False, inhibit_post_migrate=True)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last browser test, put back the migrations' content, so the tests after it find
    the database as migrations left it rather than empty."""
    if not _is_browser_test(item) or _is_browser_test(nextitem) or _snapshot() is None:
        return
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        connection.creation.deserialize_db_from_string(_snapshot())


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still synchronous, so Django's async guard must stand aside.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps connections per thread, or per context once an event loop runs: after Playwright
    # starts, this thread gets new connection objects. Carry the snapshot that serialized_rollback
    # restores (taken when the test database was made) over to them.
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None and not hasattr(connections[alias], "_test_serialized_contents"):
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _fresh_state(mailoutbox, settings):
    """Rate limits live in the cache; start every journey with none spent and an empty outbox. Signed-in pages
    are kept per session as in production (lms.personal_cache), so every journey also checks that nothing it
    does is hidden behind a kept page."""
    settings.LMS_PERSONAL_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield


@pytest.fixture
def contexts(browser, live_server, request):
    """Open browser contexts (one per person in a journey); screenshot every page if the test fails."""
    opened = []

    def open_context():
        context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Asia/Tokyo")
        context.set_default_timeout(10_000)
        opened.append(context)
        return context

    yield open_context
    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
    for number, context in enumerate(opened):
        if failed:
            RESULTS_DIR.mkdir(exist_ok=True)
            for index, page in enumerate(context.pages):
                try:
                    page.screenshot(path=str(RESULTS_DIR / f"{name}-{number}-{index}.png"), full_page=True)
                    (RESULTS_DIR / f"{name}-{number}-{index}.html").write_text(page.content())
                except Exception:  # noqa: BLE001, S110 - a screenshot must not hide the real failure
                    pass
        context.close()


@pytest.fixture
def context(contexts):
    return contexts()


@pytest.fixture
def page(context):
    return context.new_page()


def add_session(context, live_server, user):
    """Sign a user in by session cookie: journeys that test signing in do it through the form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return user


@pytest.fixture
def sign_in(context, live_server):
    """``sign_in(user)`` signs the default page's browser context in as that user."""
    return lambda user: add_session(context, live_server, user)


def run_axe(page) -> list[dict]:
    """Run axe-core and the DOM checks in the page; return the violations (empty when the page passes)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # The site's CSP forbids inline script, so a <script> tag with axe's source would be
        # blocked; evaluating the source through the DevTools protocol is not subject to CSP.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations",
        AXE_TAGS,
    )
    return violations + page.evaluate(DOM_CHECKS)


# Checks axe no longer runs (it retired duplicate-id) or cannot judge: references between
# elements must resolve, and what a field is described by must have text.
DOM_CHECKS = """() => {
  const problems = [];
  const seen = new Map();
  for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  for (const [id, count] of seen) if (count > 1) problems.push(`duplicate id "${id}" (${count} times)`);
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const ref of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        const target = document.getElementById(ref);
        const where = `${attr} of <${el.tagName.toLowerCase()} id=${el.id}>`;
        if (!target) problems.push(`${where} names missing "${ref}"`);
        else if (!target.textContent.trim()) problems.push(`${where} names empty "${ref}"`);
      }
    }
  }
  return problems.map((message) => ({id: 'dom-check', impact: 'serious', help: message, nodes: []}));
}"""


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])} {node.get('failureSummary', '')[:300]!r}")
    return "\n".join(lines)


def assert_accessible(page, label: str = "") -> None:
    violations = run_axe(page)
    assert not violations, f"axe violations on {label or page.url}:\n{format_violations(violations)}"


def mail_links(message) -> list[str]:
    """The site-relative paths of the links in an email (emails carry absolute SITE_URL links)."""
    return [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"https?://\S+", message.body)]
