"""The programme dashboard's filters: region, field of activity, capacity area and scheme narrow every figure."""

from datetime import date

import pytest
from django.urls import reverse

from advisors.factories import ConsultationFactory
from advisors.models import Consultation
from lms.fiscal import current_fiscal_year
from organizations.factories import (
    CapacityAreaFactory,
    FieldOfActivityFactory,
    MembershipFactory,
    OrganizationFactory,
    RegionFactory,
)
from placements.factories import PlacementFactory

URL = reverse("progress:programme")


@pytest.fixture
def world(db):
    """Two organizations in different regions and fields; each with activity in its own capacity area."""
    kanto, kyushu = RegionFactory(name="Kanto"), RegionFactory(name="Kyushu")
    water, health = FieldOfActivityFactory(name="Water"), FieldOfActivityFactory(name="Health")
    finance, safety = CapacityAreaFactory(name="Finance"), CapacityAreaFactory(name="Safety")
    east = OrganizationFactory(name="East Water NGO", slug="east", region=kanto)
    east.fields_of_activity.add(water)
    west = OrganizationFactory(name="West Health NGO", slug="west", region=kyushu)
    west.fields_of_activity.add(health)
    east_members = [MembershipFactory(organization=east) for _ in range(2)]
    west_members = [MembershipFactory(organization=west)]
    for membership in east_members:
        ConsultationFactory(membership=membership, topic=finance, status=Consultation.Status.COMPLETED)
    ConsultationFactory(membership=west_members[0], topic=safety, status=Consultation.Status.COMPLETED)
    later = current_fiscal_year() + 1
    for _ in range(2):  # two requests waiting for next fiscal year, as in the issue
        PlacementFactory(
            organization=east, capacity_area=finance, start_date=date(later, 6, 1), end_date=date(later + 1, 3, 31)
        )
    PlacementFactory(
        organization=west, capacity_area=safety, start_date=date(later, 6, 1), end_date=date(later + 1, 3, 31)
    )
    return {"east": east, "west": west, "finance": finance, "safety": safety}


def _get(client, **params):
    response = client.get(URL, {"fy": "all", **params})
    assert response.status_code == 200
    return response


def _totals(response):
    return response.context["dashboard"]["totals"]


def _rows(response, key):
    return {str(row[0]): row[1:] for row in response.context["tables"][key].rows}


def test_without_filters_everything_counts(client_for, programme_staff, world):
    response = _get(client_for(programme_staff))
    totals = _totals(response)
    assert (totals["organizations"], totals["learners"], totals["consultations"]) == (2, 3, 3)
    assert "Clear filters" not in response.content.decode()


def test_region_narrows_every_figure(client_for, programme_staff, world):
    response = _get(client_for(programme_staff), region="kanto")
    totals = _totals(response)
    assert (totals["organizations"], totals["learners"], totals["consultations"], totals["placements"]) == (1, 2, 2, 2)
    assert set(_rows(response, "regions")) == {"Kanto"}
    assert _rows(response, "regions")["Kanto"] == [1, 2, 2]
    assert _rows(response, "topics") == {"Finance": [2, 2, None]}
    assert _rows(response, "placement_states")["Requested"] == [2, 0]  # all years: nothing is "later"
    trend = response.context["tables"]["trend"]
    consultations = trend.columns.index("Consultations held")
    assert sum(row[consultations] for row in trend.rows) == 2


def test_field_narrows_every_figure(client_for, programme_staff, world):
    response = _get(client_for(programme_staff), field="health")
    totals = _totals(response)
    assert (totals["organizations"], totals["learners"], totals["consultations"], totals["placements"]) == (1, 1, 1, 1)
    assert _rows(response, "fields") == {"Health": [1, 1]}
    assert _rows(response, "topics") == {"Safety": [1, 1, None]}


def test_capacity_area_narrows_the_schemes_activity(client_for, programme_staff, world):
    response = _get(client_for(programme_staff), area="safety")
    totals = _totals(response)
    # Organizations have no capacity area: they stay; the consultations and placements are Safety's only.
    assert (totals["organizations"], totals["consultations"], totals["placements"]) == (2, 1, 1)
    assert _rows(response, "placement_states")["Requested"] == [1, 0]
    assert _rows(response, "regions")["Kyushu"][2] == 1 and _rows(response, "regions")["Kanto"][2] == 0


def test_filters_combine(client_for, programme_staff, world):
    totals = _totals(_get(client_for(programme_staff), region="kanto", area="safety"))
    assert (totals["organizations"], totals["consultations"], totals["placements"]) == (1, 0, 0)


def test_scheme_shows_that_scheme_only(client_for, programme_staff, world):
    response = _get(client_for(programme_staff), scheme="consultations")
    totals, tables, html = _totals(response), response.context["tables"], response.content.decode()
    assert totals["consultations"] == 3 and totals["placements"] is None and totals["completions"] is None
    assert "topics" in tables and "placement_states" not in tables and "course_rates" not in tables
    assert 'id="consultations-heading"' in html and 'id="placements-heading"' not in html
    assert [column for column in tables["trend"].columns if column != "Fiscal year"] == [
        "New members",
        "Consultations held",
        "Self-assessments submitted",
    ]


def test_pending_requests_for_a_later_year_are_counted_and_said(client_for, programme_staff, world):
    response = client_for(programme_staff).get(URL, {"fy": current_fiscal_year()})
    assert _totals(response)["placements"] == 0
    assert _totals(response)["placements_later"] == 3
    assert _rows(response, "placement_states")["Requested"] == [3, 3]
    html = response.content.decode()
    assert "plus 3 requests waiting for a later fiscal year" in html
    assert "Of which for a later fiscal year" in html
    narrowed = client_for(programme_staff).get(URL, {"fy": current_fiscal_year(), "region": "kanto"})
    assert _rows(narrowed, "placement_states")["Requested"] == [2, 2]


def test_active_filters_are_shown_with_a_way_out(client_for, programme_staff, world):
    response = _get(client_for(programme_staff), region="kanto", scheme="placements")
    html = response.content.decode()
    assert "Showing only:" in html and "Kanto" in html and "Clear filters" in html
    assert f'href="{URL}?fy=all"' in html
    assert '<option value="kanto" selected>' in html and '<option value="placements" selected>' in html
    for name in ("fy", "region", "field", "area", "scheme"):
        assert f'<label for="id_{name}">' in html and f'name="{name}" id="id_{name}"' in html


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"region": "atlantis"}, "There is no region “atlantis”"),
        ({"field": "nothing"}, "There is no field of activity “nothing”"),
        ({"area": "<b>x</b>"}, "There is no capacity area “&lt;b&gt;x&lt;/b&gt;”"),
        ({"scheme": "lottery"}, "There is no scheme “lottery”"),
        ({"fy": "abc"}, "There is no fiscal year “abc”"),
        ({"fy": "1850"}, "There is no fiscal year “1850”"),
    ],
)
def test_bad_values_are_ignored_with_a_message(client_for, programme_staff, world, params, words):
    response = client_for(programme_staff).get(URL, {"fy": "all", **params})
    assert response.status_code == 200
    html = response.content.decode()
    assert words in html
    assert _totals(response)["organizations"] == 2  # nothing was narrowed
    assert "Clear filters" not in html


def test_exports_follow_the_filters(client_for, programme_staff, world):
    client = client_for(programme_staff)
    csv = client.get(reverse("progress:programme_export", args=["regions", "csv"]), {"fy": "all", "region": "kyushu"})
    text = csv.content.decode("utf-8-sig")
    assert csv.status_code == 200 and "Kyushu" in text and "Kanto" not in text
    bad = client.get(reverse("progress:programme_export", args=["topics", "csv"]), {"region": "atlantis"})
    assert bad.status_code == 200
    assert "There is no region" not in client.get(URL).content.decode()  # an export leaves no message behind


def test_the_form_keeps_the_readers_language(client_for, programme_staff, world):
    response = client_for(programme_staff).get("/ja/programme/", {"fy": "all", "region": "kanto"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/ja/programme/"' in html and "絞り込みを解除" in html


def test_who_may_open_the_filtered_dashboard(client_for, programme_staff, member, world):
    params = {"fy": "all", "region": "kanto", "scheme": "courses"}
    anonymous = client_for(None).get(URL, params)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    # House rule (UX.md): a person without the right to see a page gets 404, not 403.
    assert client_for(member).get(URL, params).status_code == 404
    assert client_for(programme_staff).get(URL, params).status_code == 200
