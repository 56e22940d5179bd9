"""Keyboard-only use: the skip link, the language switcher and the sign-in form, with visible focus."""

from playwright.sync_api import expect

from organizations.factories import UserFactory

from .conftest import browser_test

pytestmark = browser_test

# What the focused element looks like: an outline or a box-shadow ring of real width.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'), text: (el.textContent || '').trim(),
    className: el.className || '', href: el.getAttribute('href') || '',
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    visible: el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0,
  };
}"""


def tab_to(page, matches, limit=40):
    """Press Tab until ``matches(focus)`` holds, checking that every stop shows where focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        assert focus["visible"], f"focus went to an invisible element: {focus}"
        assert focus["outline"] or focus["shadow"], f"no visible focus indicator on {focus}"
        if matches(focus):
            return focus
    raise AssertionError("never reached the element by Tab")


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_language_switcher_by_keyboard(page):
    page.goto("/organizations/")
    tab_to(page, lambda focus: focus["id"] == "language-select")
    page.keyboard.press("ArrowDown")  # English -> 日本語 on a closed select
    expect(page.locator("#language-select")).to_have_value("ja")
    tab_to(page, lambda focus: focus["tag"] == "button" and focus["text"] == "Change")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.split('/organizations/')[0]}/ja/organizations/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("#language-select")).to_have_value("ja")


def test_sign_in_by_keyboard(page):
    UserFactory(email="keyboard@example.org", password="keys-only-2024")
    page.goto("/accounts/login/")
    tab_to(page, lambda focus: focus["id"] == "id_login")
    page.keyboard.type("keyboard@example.org")
    tab_to(page, lambda focus: focus["id"] == "id_password")
    page.keyboard.type("keys-only-2024")
    page.keyboard.press("Enter")
    account_nav = page.get_by_role("navigation", name="Account")
    expect(account_nav.get_by_role("button", name="Sign out")).to_be_visible()

    # And out again, by keyboard: the sign-out button in the header is reachable and works with Enter.
    tab_to(page, lambda focus: focus["tag"] == "button" and focus["text"] == "Sign out")
    page.keyboard.press("Enter")
    expect(account_nav.get_by_role("link", name="Sign in")).to_be_visible()
