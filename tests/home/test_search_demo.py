"""Search on the demo content, as a new user tries it: a table of Japanese and English queries and the
pages they must find. CI runs this module on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from django.db import transaction

# (path searched, query, a URL that must be among the results, whether it must come first)
TABLE = [
    # Japanese words from inside the demo's Japanese titles
    ("/ja/search/", "資金調達", "/ja/courses/fundraising-from-foundations/", True),
    ("/ja/search/", "会計基準", "/ja/courses/accounting-for-small-ngos/lesson-2/", True),
    ("/ja/search/", "安全管理", "/ja/courses/safety-and-security-in-the-field/", False),
    ("/ja/search/", "安全管理", "/ja/seminars/overseas-safety-management/", False),
    ("/ja/search/", "研修", "/ja/seminars/pcm-workshop-osaka/", True),
    ("/ja/search/", "PCM研修", "/ja/seminars/pcm-workshop-osaka/", True),
    ("/ja/search/", "ＰＣＭ研修", "/ja/seminars/pcm-workshop-osaka/", True),
    ("/ja/search/", "問題系図", "/ja/courses/project-cycle-management/lesson-2/", True),
    ("/ja/search/", "ガバナンス", "/ja/seminars/board-governance-forum/", False),
    ("/ja/search/", "実践ガイド", "/ja/reports/small-ngo-evaluation-report/", True),
    ("/ja/search/", "収入源", "/ja/placement-reports/minato-water-partners-2025/", True),
    # ... and from inside their body text
    ("/ja/search/", "領収書", "/ja/courses/accounting-for-small-ngos/lesson-1/", False),
    ("/ja/search/", "為替レート", "/ja/courses/accounting-for-small-ngos/lesson-4/", False),
    ("/ja/search/", "ファンドレイジング", "/ja/placement-reports/minato-water-partners-2025/", True),
    ("/ja/search/", "事務局", "/ja/courses/ngo-governance-basics/lesson-2/", False),
    ("/ja/search/", "外部条件", "/ja/courses/project-cycle-management/lesson-3/", True),
    ("/ja/search/", "カンボジア", "/ja/organizations/minato-water-partners/", True),
    # English, with its stemming
    ("/search/", "accounting", "/courses/accounting-for-small-ngos/", False),
    ("/search/", "accounts", "/courses/accounting-for-small-ngos/", False),
    ("/search/", "fundraising", "/courses/fundraising-from-foundations/", False),
    ("/search/", "grant proposals", "/seminars/grant-proposals-that-get-funded/", True),
    ("/search/", "monitoring evaluation", "/reports/small-ngo-evaluation-report/", False),
    ("/search/", "Minato", "/organizations/minato-water-partners/", False),
    ("/search/", "会計", "/courses/accounting-for-small-ngos/", False),  # the English titles carry Japanese too
    # advisors by an area of expertise, in both languages, from either language's page
    ("/search/?kind=advisor", "accounting", "/advisors/hiroshi-yamamoto/", False),
    ("/search/?kind=advisor", "safety", "/advisors/mayumi-hayashi/", True),
    ("/ja/search/?kind=advisor", "会計", "/ja/advisors/noriko-fujita/", False),
    ("/ja/search/?kind=advisor", "安全管理", "/ja/advisors/mayumi-hayashi/", True),
    ("/ja/search/?kind=advisor", "safety", "/ja/advisors/mayumi-hayashi/", True),
    ("/search/?kind=advisor", "安全管理", "/advisors/mayumi-hayashi/", True),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data with its search index, loaded once for the module and rolled back after it."""
    from home.management.commands.load_demo_data import run_loaders

    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield run_loaders()
        finally:
            transaction.set_rollback(True)


def _urls(client, path: str, query: str) -> list[str]:
    separator = "&" if "?" in path else "?"
    response = client.get(f"{path}{separator}q={query}")
    assert response.status_code == 200
    return [result.url for result in response.context["results"]]


@pytest.mark.parametrize(("path", "query", "url", "first"), TABLE, ids=[f"{row[0]} {row[1]}" for row in TABLE])
def test_demo_queries_find_their_pages(demo, db, client, path, query, url, first):
    urls = _urls(client, path, query)
    assert url in urls, urls
    if first:
        assert urls[0] == url, urls


def test_japanese_readers_get_japanese_pages(demo, db, client):
    urls = _urls(client, "/ja/search/", "会計")
    assert urls and all(url.startswith("/ja/") for url in urls)


def test_members_only_thread_titles_are_never_found(demo, db, client, client_for):
    from studygroups.models import GroupMembership, Thread

    threads = list(Thread.objects.all())
    assert threads
    member = GroupMembership.objects.filter(group=threads[0].group).first().user
    for viewer in (client, client_for(member), client_for(demo.users["admin"])):
        for thread in threads:
            for path in ("/search/", "/ja/search/"):
                response = viewer.get(path, {"q": thread.title}, follow=True)  # to the reader's language
                assert response.status_code == 200
                titles = ["".join(text for text, _m in result.title) for result in response.context["results"]]
                assert thread.title not in titles
                assert not any("/study-groups/" in result.url for result in response.context["results"])
