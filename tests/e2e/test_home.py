"""The personal home and the header in a real browser: every demo login lands on its home and finds its
tools; the language switch lands on the same page; at 390 px nothing scrolls sideways and the header
stays within 64 px, with a menu that opens without JavaScript."""

import re

from playwright.sync_api import expect

from .conftest import add_session, assert_accessible, browser_test

pytestmark = browser_test

PASSWORD = "demo-pass-2024"
PHONE = {"width": 390, "height": 844}
# The tools each demo role must find in the header (paths without the language prefix).
HEADER_TOOLS = {
    "learner": ["/learning/", "/consultations/"],
    "manager": ["/learning/", "/consultations/", "/organizations/minato-water-partners/progress/"],
    "advisor": ["/learning/", "/consultations/"],
    "researcher": ["/learning/", "/consultations/"],
    "facilitator": ["/learning/", "/consultations/"],
    "editor": ["/learning/", "/admin/"],
    "staff": ["/programme/", "/admin/"],
    "admin": ["/programme/", "/admin/"],
}
NO_PREFIX = re.compile(r"^/ja(?=/)")


def _paths(locator) -> set[str]:
    return {NO_PREFIX.sub("", href) for href in locator.evaluate_all("els => els.map(e => e.getAttribute('href'))")}


def _scrolls_sideways(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


def test_every_demo_login_lands_on_its_home_and_finds_its_tools(contexts, live_server):
    from home.management.commands.load_demo_data import run_loaders

    ctx = run_loaders()
    for role, tools in HEADER_TOOLS.items():
        page = contexts().new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(ctx.users[role].email)
        page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
        page.get_by_role("main").get_by_role("button", name="Sign In").click()
        expect(page).to_have_url(re.compile(r"/(ja/)?dashboard/$"))
        header = _paths(page.locator("header .tool-nav a"))
        home = _paths(page.locator("#tools a"))
        assert set(tools) <= header, f"{role}: header has {sorted(header)}"
        assert header <= home, f"{role}: the home lacks {sorted(header - home)}"
        assert_accessible(page, f"{role}'s home")


def test_at_390_px_no_key_page_scrolls_sideways_and_the_header_stays_small(contexts, live_server):
    from advisors.models import AdvisorProfile
    from courses.models import LessonPage
    from home.management.commands.load_demo_data import run_loaders

    ctx = run_loaders()
    lesson = LessonPage.objects.live().filter(locale__language_code="en").order_by("path").first()
    advisor = AdvisorProfile.objects.listed().order_by("slug").first()
    public = ["/", "/courses/", lesson.url, advisor.get_absolute_url(), "/seminars/"]
    by_role = {
        None: public,
        "learner": ["/dashboard/", "/learning/", lesson.url],
        "manager": ["/dashboard/", "/organizations/minato-water-partners/progress/"],
        "staff": ["/dashboard/", "/programme/", "/programme/organizations/"],
    }
    by_role.update({role: ["/dashboard/"] for role in ("advisor", "researcher", "facilitator", "editor")})
    failures = []
    for role, paths in by_role.items():
        context = contexts()
        if role:
            add_session(context, live_server, ctx.users[role])
            context.add_cookies([{"name": "lms_language", "value": "en", "url": live_server.url}])
        page = context.new_page()
        page.set_viewport_size(PHONE)
        for path in paths:
            page.goto(path)
            if _scrolls_sideways(page):
                width = page.evaluate("() => document.documentElement.scrollWidth")
                failures.append(f"{path} ({role or 'visitor'}) is {width} px wide")
            height = page.locator("header.site-header").bounding_box()["height"]
            if height > 64:
                failures.append(f"{path} ({role or 'visitor'}): the header is {height} px tall")
    assert not failures, "\n".join(failures)


def test_the_phone_menu_opens_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto("/")
        search = page.get_by_role("searchbox")
        expect(search).to_be_hidden()
        page.get_by_role("link", name="Menu").click()
        expect(search).to_be_visible()
        search.fill("accounting")
        search.press("Enter")
        expect(page).to_have_url(re.compile(r"/search/\?q=accounting$"))
        url = page.url
    finally:
        context.close()
    # axe runs in the page's JavaScript, which this context switched off: audit the same page with it on.
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(url)
        assert_accessible(page, "search results at 390 px")
    finally:
        context.close()


def test_the_language_switch_lands_on_the_same_page_and_back(page, live_server):
    from home.management.commands.load_demo_data import run_loaders

    run_loaders()
    page.goto("/ja/seminars/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.get_by_label("言語", exact=True).select_option("en")
    page.get_by_role("button", name="変更").click()
    expect(page).to_have_url(re.compile(r"/seminars/$"))
    assert "/ja/" not in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language", exact=True).select_option("ja")
    page.get_by_role("button", name="Change").click()
    expect(page).to_have_url(re.compile(r"/ja/seminars/$"))
    assert_accessible(page, "/ja/seminars/ after switching back")
