"""The demo organizations' dashboard figures: pinned, and the same on every page that shows them.

Each figure's meaning is written once, in its provider's measure (lms.figures). This module pins what the
dashboards count in the demo data, so a change to a measure, a provider or a demo loader that moves a figure
fails here and has to be looked at. The demo's dates are relative to today, so only all-time figures are
pinned; for the current fiscal year the pages are only checked to agree with one another.

Every figure is read from each place that shows it: the organization dashboard's figures at a glance, its
members table (column sums) and activity trend (the current year's row), the programme's "compare
organizations" table, the programme totals (every organization, and one region), and the rendered pages.
"""

import re
from collections import Counter

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from lms import figures
from lms.fiscal import current_fiscal_year, fiscal_year_label
from lms.measures import Period, Scope
from organizations.models import Membership, Organization
from progress.selectors import (
    NEW_MEMBERS,
    ProgrammeFilters,
    organization_dashboard,
    organizations_table,
    programme_organizations,
    programme_totals,
)

pytestmark = pytest.mark.django_db

# Each scheme's headline figure (trends, "compare organizations"), by measure name.
HEADLINES = ("completions", "seminar_attendances", "consultations", "study_group_places", "placements")

# All time, read against the demo loaders: members and managers from home/demo_platform.py; enrollments and
# completions (every lesson of the course done) from courses/demo.py; attendances (seat 5 is a no-show at both past
# seminars) and registrations (past, upcoming and the full grants seminar's waitlist) from
# courses/demo_seminars.py; consultations held and follow-ups still open (those of the last 30 days) from
# advisors/demo.py; active study group places from studygroups/demo/groups.py; the three placements, all
# hosted by the first organization, from placements/demo.py. Every demo member has taken part in something.
PINNED = {
    "minato-water-partners": {
        "members": 5,
        "managers": 1,
        "active": 5,
        "enrollments": 7,
        "completions": 3,
        "certificates": 3,
        "seminar_attendances": 8,
        "seminar_registrations": 18,
        "open_follow_ups": 1,
        "consultations": 3,
        "study_group_places": 2,
        "placements": 3,
    },
    "kyushu-health-link": {
        "members": 4,
        "managers": 1,
        "active": 4,
        "enrollments": 7,
        "completions": 3,
        "certificates": 3,
        "seminar_attendances": 6,
        "seminar_registrations": 8,
        "open_follow_ups": 1,
        "consultations": 2,
        "study_group_places": 2,
        "placements": 0,
    },
    "tohoku-education-network": {
        "members": 3,
        "managers": 1,
        "active": 3,
        "enrollments": 3,
        "completions": 1,
        "certificates": 1,
        "seminar_attendances": 0,
        "seminar_registrations": 0,
        "open_follow_ups": 0,
        "consultations": 2,
        "study_group_places": 3,
        "placements": 0,
    },
    "kansai-relief-forum": {
        "members": 3,
        "managers": 1,
        "active": 3,
        "enrollments": 3,
        "completions": 1,
        "certificates": 1,
        "seminar_attendances": 0,
        "seminar_registrations": 0,
        "open_follow_ups": 0,
        "consultations": 2,
        "study_group_places": 2,
        "placements": 0,
    },
    "hokkaido-agri-bridge": {
        "members": 2,
        "managers": 1,
        "active": 2,
        "enrollments": 2,
        "completions": 0,
        "certificates": 0,
        "seminar_attendances": 0,
        "seminar_registrations": 0,
        "open_follow_ups": 0,
        "consultations": 2,
        "study_group_places": 2,
        "placements": 0,
    },
    "shikoku-livelihood-centre": {
        "members": 2,
        "managers": 1,
        "active": 2,
        "enrollments": 2,
        "completions": 1,
        "certificates": 1,
        "seminar_attendances": 0,
        "seminar_registrations": 1,
        "open_follow_ups": 1,
        "consultations": 2,
        "study_group_places": 0,
        "placements": 0,
    },
}


def at_a_glance(dashboard: dict) -> dict:
    """The organization dashboard's figures at a glance, flattened."""
    shown = dashboard["figures"]
    return {
        "members": shown["members"],
        "managers": shown["managers"],
        "joined": shown["joined"],
        "active": shown["active"],
        "enrollments": shown["courses"]["enrollments"],
        "completions": shown["courses"]["completions"],
        "certificates": shown["courses"]["certificates"],
        "seminar_attendances": shown["seminars"]["attended"],
        "seminar_registrations": shown["seminars"]["registrations"],
        "open_follow_ups": shown["open_follow_ups"],
    }


def counted(organization, fy) -> dict[str, int]:
    """Every scheme measure for the organization, straight from the providers."""
    measures = [m for provider in figures.providers() for m in provider.measures]
    return figures.totals(measures, Scope(organizations=organization.pk), Period.year(fy))


def compared(fy, **narrowed) -> dict[str, dict]:
    """The programme's "compare organizations" figures by organization slug, from the queryset and its table."""
    organizations = list(programme_organizations(fy, **narrowed))
    table = organizations_table(organizations)
    names = ["members", *(m.name for _provider, m in figures.headlines())]
    rows = {}
    for organization, row in zip(organizations, table.rows, strict=True):
        values = [organization.member_count] + [getattr(organization, f"n_{name}") for name in names[1:]]
        annotated = dict(zip(names, values, strict=True))
        assert dict(zip(names, row[2:-1], strict=True)) == annotated
        rows[organization.slug] = annotated
    return rows


def test_the_demo_organizations_all_time_figures_are_pinned(demo_site):
    rows = compared(None)
    found = {
        organization.slug: {
            k: v for k, v in at_a_glance(organization_dashboard(organization, None, None)).items() if k != "joined"
        }
        | {name: rows[organization.slug][name] for name in ("consultations", "study_group_places", "placements")}
        for organization in demo_site.orgs
    }
    assert found == PINNED


@pytest.mark.parametrize("year", ["current", "all"])
def test_each_figure_is_the_same_wherever_it_is_shown(demo_site, year):
    fy = current_fiscal_year() if year == "current" else None
    this_year = fiscal_year_label(current_fiscal_year())
    assert tuple(m.name for _provider, m in figures.headlines()) == HEADLINES
    trend_columns = [str(NEW_MEMBERS.label)] + [str(m.label) for _provider, m in figures.headlines()]
    member_columns = [m.name for m in figures.member_measures()]
    comparison = compared(fy)
    organizations = list(Organization.objects.select_related("region"))
    assert {o.slug for o in organizations} == set(PINNED)
    by_organization = {}
    for organization in organizations:
        dashboard = organization_dashboard(organization, fy, None)
        shown, measured = at_a_glance(dashboard), counted(organization, fy)
        by_organization[organization.slug] = measured | {"joined": shown["joined"], "members": shown["members"]}
        context = f"{organization.slug}, {year}"
        # The figures at a glance are the providers' measures.
        for name in ("enrollments", "completions", "seminar_attendances"):
            assert shown[name] == measured[name], context
        # The members table: one row per member; its activity columns add up to the measures, and the active
        # learners are the members with something in them.
        members = dashboard["tables"]["members"]
        assert len(members.rows) == shown["members"], context
        activity = [dict(zip(member_columns, row[4:], strict=True)) for row in members.rows]
        assert {name: sum(row[name] for row in activity) for name in member_columns} == {
            name: measured[name] for name in member_columns
        }, context
        assert sum(any(row.values()) for row in activity) == shown["active"], context
        # The schemes' own tables on the dashboard, where a column counts the same records as a measure.
        tables = dashboard["tables"]
        assert [
            sum(row[4] for row in tables["seminars"].rows),
            sum(row[2] for row in tables["consultations"].rows),
            sum(row[3] for row in tables["study_groups"].rows),
        ] == [measured["seminar_attendances"], measured["consultations"], measured["study_group_places"]], context
        # The trend's row for the current year, whichever period the dashboard shows.
        trend = dashboard["tables"]["activity"]
        assert trend.columns[1:] == trend_columns
        (row,) = [row for row in trend.rows if row[0] == this_year]
        now = counted(organization, current_fiscal_year())
        joined_now = organization_dashboard(organization, current_fiscal_year(), None)["figures"]["joined"]
        assert row[1:] == [joined_now] + [now[name] for name in HEADLINES], context
        # The programme's "compare organizations" row.
        assert comparison[organization.slug] == {"members": shown["members"]} | {
            name: measured[name] for name in HEADLINES
        }, context

    # Programme totals: every organization, then each region, add up the organizations' figures.
    summed = ["joined", *(m.name for provider in figures.providers() for m in provider.measures)]

    def expected(slugs) -> dict:
        total = Counter()
        for slug in slugs:
            total.update({name: by_organization[slug][name] for name in summed})
        learners = Membership.objects.filter(organization__slug__in=slugs).values("user").distinct().count()
        return {"organizations": len(slugs), "learners": learners} | {name: total[name] for name in summed}

    def shown_in(totals) -> dict:
        return {name: totals[name] for name in ["organizations", "learners", *summed]}

    assert shown_in(programme_totals(ProgrammeFilters(fy=fy))) == expected(list(by_organization))
    regions = {}
    for organization in organizations:
        regions.setdefault(organization.region.slug, []).append(organization.slug)
    for region, slugs in regions.items():
        assert shown_in(programme_totals(ProgrammeFilters(fy=fy, region=region))) == expected(slugs), region
        assert set(compared(fy, region=region)) == set(slugs), region


def _client(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def _figures(html: str) -> dict[str, str]:
    """Each figure at a glance on a rendered dashboard: its label (with what follows in brackets) -> value."""
    found = re.findall(r'<span class="figure__value">(\d+)</span>\s*<span class="figure__label">([^<]+)</span>', html)
    return {" ".join(label.split()): value for value, label in found}


def _table_row(html: str, table: str, link: str) -> list[str]:
    """The cells after the row header linking to ``link`` in the rendered table ``table``."""
    body = html.split(f'id="table-{table}"', 1)[1].split("</table>", 1)[0]
    row = body.split(f'<a href="{link}">', 1)[1].split("</tr>", 1)[0]
    return [" ".join(cell.split()) for cell in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]


@pytest.mark.parametrize("year", ["current", "all"])
def test_the_pages_show_the_same_figures(demo_site, year):
    """Programme staff see, for each demo organization, its dashboard's figures, its row in "compare
    organizations", and the programme totals narrowed to its region (one organization per demo region)."""
    assert len({organization.region_id for organization in demo_site.orgs}) == len(demo_site.orgs)
    fy = current_fiscal_year() if year == "current" else None
    query = f"?fy={fy or 'all'}"
    cache.clear()
    staff = _client(demo_site.users["staff"])
    comparison = staff.get(reverse("progress:programme_organizations") + query).content.decode()
    for organization in demo_site.orgs:
        context = f"{organization.slug}, {year}"
        expected = at_a_glance(organization_dashboard(organization, fy, None)) | counted(organization, fy)
        dashboard_url = reverse("progress:organization", kwargs={"slug": organization.slug})
        page = _figures(staff.get(dashboard_url + query).content.decode())
        managers = f"{expected['managers']} manager" + ("" if expected["managers"] == 1 else "s")
        assert page == {
            f"members ({managers})": str(expected["members"]),
            "active learners in the period": str(expected["active"]),
            "joined in the period": str(expected["joined"]),
            f"course completions ({expected['certificates']} certificates)": str(expected["completions"]),
            f"seminar attendances ({expected['seminar_registrations']} registrations)": str(
                expected["seminar_attendances"]
            ),
            "open consultation follow-ups": str(expected["open_follow_ups"]),
        }, context
        assert _table_row(comparison, "organizations", dashboard_url)[1:-1] == [
            str(expected[name]) for name in ("members", *HEADLINES)
        ], context
        region = _figures(
            staff.get(reverse("progress:programme") + f"{query}&region={organization.region.slug}").content.decode()
        )
        # The placements' label may add the requests waiting for a later year, which no organization page shows.
        placements = [value for label, value in region.items() if label.startswith("researcher placements")]
        assert [
            region.get(f"course completions ({expected['enrollments']} enrollments)"),
            region.get("seminar attendances"),
            region.get("consultations held"),
            region.get("study group places"),
            *placements,
        ] == [str(expected[name]) for name in HEADLINES], (context, region)
