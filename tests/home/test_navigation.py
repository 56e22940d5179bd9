"""The language switch, the favicon, the page notices, the charts and the demo's links."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from lms.i18n import local_path, switch_language
from lms.measures import Period, Scope, Table
from organizations.factories import UserFactory
from placements.factories import PlacementFactory
from placements.models import Placement
from progress.charts import bar_chart, line_chart

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/ja/seminars/", "en", "/seminars/"),
        ("/seminars/", "ja", "/ja/seminars/"),
        ("/ja/", "en", "/"),
        ("/", "ja", "/ja/"),
        ("/ja/learning/?page=2", "en", "/learning/?page=2"),
        ("/ja/seminars/", "ja", "/ja/seminars/"),
        ("/admin/pages/", "ja", "/admin/pages/"),
        ("https://evil.example/ja/", "en", "https://evil.example/ja/"),
    ],
)
def test_switch_language_swaps_the_prefix(url, language, expected):
    assert switch_language(url, language) == expected


@pytest.mark.parametrize(("start", "language", "lands"), [("/ja/seminars/", "en", "/seminars/"), ("/", "ja", "/ja/")])
def test_the_switcher_lands_on_the_same_page_in_the_other_language(client, start, language, lands):
    response = client.post(reverse("set_language"), {"language": language, "next": start})
    assert response.status_code == 302 and response["Location"] == lands


def test_switching_back_and_forth_from_an_app_page_saves_the_profile(client_for):
    user = UserFactory(preferred_language="ja")
    client = client_for(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/ja/learning/"})
    assert response["Location"] == "/learning/"
    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert client.get("/learning/").status_code == 200
    response = client.post(reverse("set_language"), {"language": "ja", "next": "/learning/"})
    assert response["Location"] == "/ja/learning/"
    user.refresh_from_db()
    assert user.preferred_language == "ja"


def test_local_path_keeps_the_readers_language(settings):
    settings.SITE_URL = "https://lms.example.org"
    with translation.override("ja"):
        assert local_path("https://lms.example.org/consultations/4/") == "/ja/consultations/4/"
        assert local_path("/ja/learning/") == "/ja/learning/"
        assert local_path("https://meet.example.org/room") == "https://meet.example.org/room"
    assert local_path("https://lms.example.org/consultations/4/") == "/consultations/4/"


def test_app_pages_never_claim_to_be_untranslated(client_for, programme_staff):
    html = client_for(programme_staff).get("/programme/organizations/").content.decode()
    assert "has not been translated" not in html


def test_every_page_has_a_favicon(client):
    html = client.get("/organizations/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html


def test_pending_placements_for_a_later_year_are_counted(client_for, programme_staff):
    from lms.fiscal import current_fiscal_year

    fy = current_fiscal_year()
    PlacementFactory(state=Placement.State.REQUESTED, start_date=date(fy + 1, 6, 1), end_date=date(fy + 2, 3, 31))
    PlacementFactory(state=Placement.State.REQUESTED, start_date=date(fy + 1, 6, 1), end_date=date(fy + 2, 3, 31))
    rows = {str(state): count for state, count, _later in _placement_states(fy).rows}
    assert rows[str(Placement.State.REQUESTED.label)] == 2
    assert rows[str(Placement.State.COMPLETED.label)] == 0


def _placement_states(fy):
    from lms import figures

    tables = figures.provider("placements").programme_tables(Scope(), Period.year(fy))
    return tables["placement_states"]


def test_bar_chart_labels_are_never_cut():
    title = "Financial management and accounting for small NGOs in rural areas"
    table = Table(key="t", caption="c", columns=["Course", "Completions"])
    table.rows = [[title, 3], ["小規模NGOのための財務管理と会計の基礎講座", 1]]
    chart = bar_chart(table, title="t", description="d")
    assert [bar.label for bar in chart.bars] == [row[0] for row in table.rows]
    assert chart.label_width >= 13 * 21  # the Japanese title, one em a character


def test_line_chart_series_differ_by_more_than_colour():
    table = Table(key="t", caption="c", columns=["Year", "Members", "Courses", "Seminars", "Consultations"])
    table.rows = [["FY2025", 1, 2, 3, 4], ["FY2026", 2, 3, 4, 5]]
    chart = line_chart(table, title="t", description="d")
    shapes = [series.marker for series in chart.series]
    assert len(set(shapes)) == 4
    assert {entry["series"].name for entry in chart.legend} == {"Members", "Courses", "Seminars", "Consultations"}
    assert chart.width > 50 + 420 + len("Consultations") * 7  # the legend has room for whole names
