"""axe audit of the demo site: one page of every kind the demo data creates, as the role it is meant for.

The demo loaders list every page they create with the role that should see it; pages that differ
only by an id or slug share a template, so one of each shape is audited. Files (CSV, ICS, downloads)
are not pages and are left out.
"""

import re

from playwright.sync_api import Error as PlaywrightError

from .conftest import add_session, browser_test, format_violations, run_axe

pytestmark = browser_test

FILE = re.compile(r"\.[a-z0-9]{2,4}$|/download/?$")

# Violations found in other apps' pages and reported to their owners; each names the page shape and
# the axe rule exactly, so nothing else is waived. Remove an entry once its page is fixed.
KNOWN_ISSUES: dict = {}


def _shape(url: str) -> str:
    path = url.split("?")[0]
    return re.sub(r"/[^/]*\d[^/]*(?=/)", "/<id>", path)


def test_every_kind_of_demo_page_has_no_axe_violations(contexts, live_server, home_page):
    from home.management.commands.load_demo_data import run_loaders

    ctx = run_loaders()
    to_audit = {}
    for url, role in ctx.created_urls:
        if not FILE.search(url.split("?")[0]):
            to_audit.setdefault((_shape(url), role), url)

    pages, failures = {}, []
    for (_, role), url in sorted(to_audit.items(), key=lambda item: str(item[0][1])):
        if role not in pages:
            context = contexts()
            if role:
                add_session(context, live_server, ctx.users[role])
            pages[role] = context.new_page()
        page = pages[role]
        try:
            response = page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # a file served as an attachment, not a page
            raise
        if response.status != 200:
            failures.append(f"--- {url} ({role or 'visitor'}) answered {response.status}")
            continue
        violations = [v for v in run_axe(page) if (_shape(url), v["id"]) not in KNOWN_ISSUES]
        if violations:
            failures.append(f"--- {url} ({role or 'visitor'}) {page.url}\n{format_violations(violations)}")
    print(f"audited {len(to_audit)} kinds of demo page")
    assert len(to_audit) >= 5
    assert not failures, "axe violations on demo pages:\n" + "\n".join(failures)
