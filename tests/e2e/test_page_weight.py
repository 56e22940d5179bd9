"""Page weight: HTML, CSS and JavaScript of a first load stay under 100 KB compressed.

The test server sends bodies uncompressed, so the budget is checked on each body gzipped (what
WhiteNoise and the proxy send in production); the bytes the test server actually sent are
recorded beside it in test-results/page-weight.json. Images, fonts and media are outside the budget.
"""

import gzip
import json

from organizations.factories import MembershipFactory

from .conftest import RESULTS_DIR, browser_test

pytestmark = browser_test

BUDGET_BYTES = 100 * 1024
COUNTED_TYPES = {"document", "stylesheet", "script"}


def measure_first_load(context, path: str) -> dict:
    """Load ``path`` in a fresh context (empty cache) and total the counted responses."""
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(path, wait_until="load")
    resources = []
    for response in responses:
        kind = response.request.resource_type
        if kind not in COUNTED_TYPES or response.status >= 300:
            continue
        body = response.body()
        resources.append(
            {
                "url": response.url,
                "type": kind,
                "transferred": response.request.sizes()["responseBodySize"],
                "uncompressed": len(body),
                "gzipped": len(gzip.compress(body, compresslevel=6, mtime=0)),
            }
        )
    page.close()
    return {
        "path": path,
        "resources": resources,
        "transferred": sum(r["transferred"] for r in resources),
        "uncompressed": sum(r["uncompressed"] for r in resources),
        "gzipped": sum(r["gzipped"] for r in resources),
    }


def record(name: str, measurement: dict) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / "page-weight.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = measurement
    path.write_text(json.dumps(data, indent=2))


def assert_within_budget(name: str, measurement: dict) -> None:
    record(name, measurement)
    assert any(r["type"] == "document" for r in measurement["resources"])
    assert any(r["type"] == "stylesheet" for r in measurement["resources"]), "the site's CSS was not loaded"
    detail = "\n".join(f"  {r['gzipped']:>7} B gz  {r['type']:<10} {r['url']}" for r in measurement["resources"])
    assert measurement["gzipped"] < BUDGET_BYTES, (
        f"{name}: HTML+CSS+JS is {measurement['gzipped']} B compressed, over the {BUDGET_BYTES} B budget:\n{detail}"
    )


def test_home_page_first_load_is_under_budget(contexts, home_page):
    assert_within_budget("home (signed out)", measure_first_load(contexts(), "/"))
    assert_within_budget("home (signed out, ja)", measure_first_load(contexts(), "/ja/"))


def test_home_page_signed_in_first_load_is_under_budget(contexts, live_server):
    from .conftest import add_session

    context = contexts()
    add_session(context, live_server, MembershipFactory().user)
    assert_within_budget("home (signed in)", measure_first_load(context, "/"))
