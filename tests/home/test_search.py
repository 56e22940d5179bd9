"""Site search: what is indexed and what never is, the results page, filters, pages, and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from advisors.factories import AdvisorProfileFactory
from courses.factories import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory
from lms.models import SearchDocument
from lms.search_index import rebuild
from organizations.factories import CapacityAreaFactory, OrganizationFactory, UserFactory
from studygroups.factories import PostFactory, StudyGroupFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def budgeting(catalogue):
    area = CapacityAreaFactory(name="Financial management", slug="finance")
    course = CoursePageFactory(
        parent=catalogue, title="Budgeting for small NGOs", summary="Plan a grant budget and track its variance."
    )
    course.capacity_areas.set([area])
    course.save()
    LessonPageFactory(
        parent=course,
        title="Cash books",
        body=[("paragraph", "<p>Keep receipts. A <b>budgeting</b> habit starts with the cash book.</p>")],
    )
    return course


def _search(client, query: str, **params):
    return client.get("/search/", {"q": query, **params})


def _titles(response) -> list[str]:
    return ["".join(text for text, _marked in result.title) for result in response.context["results"]]


def test_anyone_can_search_and_titles_rank_above_body(client, budgeting):
    rebuild()
    response = _search(client, "budgeting")
    assert response.status_code == 200
    assert _titles(response) == ["Budgeting for small NGOs", "Cash books"]
    html = response.content.decode()
    assert "<mark>Budgeting</mark> for small NGOs" in html
    assert "A <mark>budgeting</mark> habit" in html  # the snippet, with the matched word marked
    assert "Course" in html and "Lesson" in html  # each result says what it is


def test_english_stemming_finds_the_word_in_other_forms(client, budgeting):
    rebuild()
    assert _titles(_search(client, "budgets")) == ["Budgeting for small NGOs", "Cash books"]
    assert _titles(_search(client, "variances")) == ["Budgeting for small NGOs"]


def test_japanese_words_inside_titles_and_text_are_found(client, catalogue):
    CoursePageFactory(
        parent=catalogue, title="助成財団からの資金調達", summary="わかりやすい申請書を書く方法を学びます。"
    )
    CoursePageFactory(parent=catalogue, title="PCM研修の基礎", summary="プロジェクト・サイクル・マネジメント")
    CoursePageFactory(parent=catalogue, title="東京の会議と京都の会議", summary=".")
    rebuild()
    assert _titles(_search(client, "資金調達")) == ["助成財団からの資金調達"]
    assert _titles(_search(client, "申請書")) == ["助成財団からの資金調達"]
    assert _titles(_search(client, "PCM研修")) == ["PCM研修の基礎"]
    assert _titles(_search(client, "ｐｃｍ")) == ["PCM研修の基礎"]
    assert _titles(_search(client, "サイクル")) == ["PCM研修の基礎"]
    assert _titles(_search(client, "東京都")) == []  # its pairs are there, the word is not
    assert _titles(_search(client, "京")) == ["東京の会議と京都の会議"]  # one character: the phrase alone


def test_filters_by_kind_and_capacity_area(client, budgeting, catalogue):
    other = CoursePageFactory(parent=catalogue, title="Budgeting for boards", summary="Approve the budget.")
    AdvisorProfileFactory(headline="Budgeting and audits", bio="")
    rebuild()
    assert len(_titles(_search(client, "budget"))) == 4
    assert _titles(_search(client, "budget", kind="lesson")) == ["Cash books"]
    assert len(_titles(_search(client, "budget", kind="advisor"))) == 1
    area = budgeting.capacity_areas.get()
    titles = _titles(_search(client, "budget", area=area.pk))
    assert titles == ["Budgeting for small NGOs"] and other.title not in titles


@pytest.mark.parametrize("params", [{"kind": "bogus"}, {"area": "abc"}, {"area": "99999999999999999999"}])
def test_bad_filters_give_a_form_message(client, budgeting, params):
    response = _search(client, "budget", **params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "error-summary" in response.content.decode()


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "' OR 1=1 --", "NOT", "\x00", "%", "x" * 5000])
def test_hostile_queries_are_harmless(client, budgeting, query):
    rebuild()
    response = _search(client, query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_no_result_suggests_the_catalogue_and_the_advisor_directory(client, catalogue):
    rebuild()
    response = _search(client, "zanzibar")
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 0
    empty = html[html.index('<div class="empty-state">') :]
    assert "Nothing matched" in empty
    assert f'href="{catalogue.url}"' in empty
    assert 'href="/advisors/"' in empty


def test_results_are_paginated(client, catalogue):
    for n in range(13):
        CoursePageFactory(parent=catalogue, title=f"Evaluation course {n}", summary=".")
    rebuild()
    first = _search(client, "evaluation")
    assert len(first.context["results"]) == 10
    assert "page=2" in first.content.decode()
    second = _search(client, "evaluation", page=2)
    assert len(second.context["results"]) == 3


def test_advisors_are_found_by_expertise_name_region_and_headline(client):
    area = CapacityAreaFactory(name="Legal status and compliance", slug="legal")
    advisor = AdvisorProfileFactory(
        user=UserFactory(first_name="Noriko", last_name="Fujita"), headline="NPO incorporation", expertise=[area]
    )
    hidden = AdvisorProfileFactory(headline="NPO incorporation too", is_active=False)
    rebuild()
    for query in ("compliance", "Fujita", "incorporation", advisor.region.name):
        response = _search(client, query, kind="advisor")
        assert [r.url for r in response.context["results"]] == [advisor.get_absolute_url()], query
    assert hidden.get_absolute_url() not in _search(client, "incorporation").content.decode()


def test_members_only_content_is_never_found(client, catalogue, home_page):
    group = StudyGroupFactory(title="Quiet group", public_summary=".")
    thread = ThreadFactory(group=group, title="Confidential xylophone budget")
    PostFactory(thread=thread, body="Members-only xylophone notes")
    OrganizationFactory(name="Open NGO", internal_notes="xylophone notes for members", description="Public text")
    private = CoursePageFactory(parent=catalogue, title="Xylophone course for staff", summary=".")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = CoursePageFactory(parent=catalogue, title="Xylophone draft", summary=".", live=False)
    rebuild()
    for user in (None, UserFactory(is_superuser=True)):
        client.logout() if user is None else client.force_login(user)
        response = _search(client, "xylophone")
        assert response.context["page_obj"].paginator.count == 0
    assert not SearchDocument.objects.filter(text__contains="xylophone").exists()
    assert draft.pk and private.pk


def test_public_organizations_are_found(client):
    organization = OrganizationFactory(name="Minato Water Partners", description="Clean water in Cambodia.")
    rebuild()
    response = _search(client, "cambodia", kind="organization")
    assert [r.url for r in response.context["results"]] == [organization.get_absolute_url()]


def test_saves_and_publishing_keep_the_index_current(client, catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        course = CoursePageFactory(parent=catalogue, title="Safety planning", summary=".", live=False)
        course.save_revision().publish()
    assert _titles(_search(client, "safety")) == ["Safety planning"]
    with django_capture_on_commit_callbacks(execute=True):
        course.title = "Security planning"
        course.save_revision().publish()
    assert _titles(_search(client, "safety")) == []
    assert _titles(_search(client, "security")) == ["Security planning"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    assert _titles(_search(client, "security")) == []
    with django_capture_on_commit_callbacks(execute=True):
        advisor = AdvisorProfileFactory(headline="Volunteer management")
    assert len(_titles(_search(client, "volunteer"))) == 1
    with django_capture_on_commit_callbacks(execute=True):
        advisor.is_active = False
        advisor.save()
    assert _titles(_search(client, "volunteer")) == []
    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()
    assert not SearchDocument.objects.filter(title="Security planning").exists()


SCALE_SEARCHES = ["/search/?q=course", "/search/?q=seminar&kind=seminar", "/ja/search/?q=scale", "/search/?q=zanzibar"]


def _queries_for_searches(client) -> list[int]:
    counts = []
    for path in SCALE_SEARCHES:
        client.get(path)  # warm the caches, as a running site has them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts


def test_a_search_runs_a_constant_number_of_queries_as_the_scale_data_grows(client):
    from progress.management.commands.load_scale_data import run_generators

    run_generators(organizations=3, learners=20, courses=2, seminars=2, advisors=2, study_groups=1, seed=5)
    rebuild()
    small = _queries_for_searches(client)
    run_generators(organizations=20, learners=100, courses=25, seminars=20, advisors=12, study_groups=2, seed=6)
    rebuild()
    assert client.get("/search/?q=course").context["page_obj"].paginator.count > 25
    assert _queries_for_searches(client) == small
    assert max(small) <= 4
