"""Journey: a visitor finds a course in English and in Japanese, narrows the results and opens one."""

import re

from playwright.sync_api import expect

from advisors.factories import AdvisorProfileFactory
from courses.factories import CourseIndexPageFactory, CoursePageFactory
from home.models import HomePage
from lms.search_index import rebuild
from organizations.factories import CapacityAreaFactory, UserFactory

from .conftest import assert_accessible, browser_test

pytestmark = browser_test


def _content():
    home = HomePage.objects.get(depth=2)
    catalogue = CourseIndexPageFactory(parent=home)
    area = CapacityAreaFactory(name="Financial management and accounting", slug="finance")
    course = CoursePageFactory(
        parent=catalogue, title="Accounting for small NGOs", summary="Cash books, receipts and grant budgets."
    )
    course.capacity_areas.set([area])
    course.save()
    CoursePageFactory(parent=catalogue, title="PCM研修の基礎", summary="プロジェクト・サイクル・マネジメント")
    AdvisorProfileFactory(
        user=UserFactory(first_name="Noriko", last_name="Fujita"), headline="NPO accounts", expertise=[area]
    )
    rebuild()


def test_visitor_searches_filters_and_opens_a_result(page):
    _content()
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    page.get_by_role("main").get_by_label("Search the site").fill("accounts")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    results = page.locator(".search-results")
    expect(page.get_by_role("heading", level=2)).to_have_text("2 results for “accounts”")
    expect(results.locator("mark").first).to_be_visible()
    expect(results).to_contain_text("NGO Advisor")
    assert_accessible(page, "search results")

    page.get_by_label("Show").select_option("advisor")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("1 result for “accounts”")
    page.get_by_label("Show").select_option("")
    page.get_by_label("Capacity area").select_option(label="Financial management and accounting")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("2 results for “accounts”")
    page.get_by_role("link", name="Accounting for small NGOs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounting for small NGOs")


def test_japanese_search_on_a_phone_and_nothing_found(page):
    _content()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/ja/search/")
    page.get_by_role("main").get_by_label("サイト内検索").fill("研修")
    page.get_by_role("main").get_by_role("button", name="検索").click()
    expect(page.locator(".search-results mark")).to_have_text(["研修"])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert_accessible(page, "Japanese search results at 390 px")

    page.get_by_role("main").get_by_label("サイト内検索").fill("ザンジバル")
    page.get_by_role("main").get_by_role("button", name="検索").click()
    expect(page.get_by_role("main")).to_contain_text("一致するものがありませんでした")
    page.get_by_role("link", name="NGO相談員の一覧").click()
    expect(page).to_have_url(re.compile(r"/ja/advisors/$"))
