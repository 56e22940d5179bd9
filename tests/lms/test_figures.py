"""lms.figures: periods in Tokyo, scopes, and several measures answered in one query at any size."""

from datetime import UTC, date, datetime

import pytest
from django.db.models import Q

from lms import figures
from lms.measures import Measure, Period, Scope
from organizations.factories import MembershipFactory, OrganizationFactory
from organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db

JOINED = Measure(
    name="joined", label="Joined", records=lambda: Membership.objects.all(), when="joined_at", doc="Memberships."
)
MANAGERS = Measure(
    name="managers_joined",
    label="Managers",
    records=lambda: Membership.objects.filter(role=Membership.Role.MANAGER),
    when="joined_at",
    doc="Managers' memberships.",
)


def _member(organization, when, **kwargs):
    membership = MembershipFactory(organization=organization, **kwargs)
    Membership.objects.filter(pk=membership.pk).update(joined_at=when)
    return membership


def test_a_fiscal_year_runs_april_to_march_in_tokyo():
    period = Period.year(2026)
    assert period.start == datetime(2026, 3, 31, 15, tzinfo=UTC)
    assert period.end == datetime(2027, 3, 31, 15, tzinfo=UTC)
    assert period.q("d", dates=True) == Q(d__gte=date(2026, 4, 1), d__lte=date(2027, 3, 31))
    assert not Period().bounded and Period().q("d") == Q()


def test_a_window_of_days_includes_both_ends_in_tokyo():
    period = Period.days(date(2026, 5, 1), date(2026, 5, 31))
    assert period.start == datetime(2026, 4, 30, 15, tzinfo=UTC)
    assert period.end == datetime(2026, 5, 31, 15, tzinfo=UTC)
    assert period.q("d", dates=True) == Q(d__gte=date(2026, 5, 1), d__lte=date(2026, 5, 31))


def test_scopes_narrow_to_one_organization_a_set_or_none():
    one, two = OrganizationFactory(), OrganizationFactory()
    when = datetime(2026, 6, 1, tzinfo=UTC)
    _member(one, when)
    _member(two, when)
    _member(two, datetime(2025, 6, 1, tzinfo=UTC))
    year = Period.year(2026)
    assert JOINED.queryset(Scope(organizations=one.pk), year).count() == 1
    assert JOINED.queryset(Scope(), year).count() == 2
    assert JOINED.queryset(Scope(organizations=Organization.objects.filter(pk=two.pk).values("pk"))).count() == 2


@pytest.mark.parametrize("size", [2, 12])
def test_several_measures_in_one_query_at_any_size(django_assert_num_queries, size):
    organization = OrganizationFactory()
    when = datetime(2026, 6, 1, tzinfo=UTC)
    members = [_member(organization, when) for _ in range(size)]
    _member(organization, datetime(2024, 6, 1, tzinfo=UTC), role=Membership.Role.MANAGER)
    _member(OrganizationFactory(), when)  # another organization: never counted
    scope = Scope(organizations=organization.pk)
    with django_assert_num_queries(1):
        assert figures.totals([JOINED, MANAGERS], scope, Period.year(2026)) == {"joined": size, "managers_joined": 0}
    with django_assert_num_queries(1):
        years = figures.by_year([JOINED, MANAGERS], scope, [2024, 2025, 2026])
    assert years == {"joined": {2024: 1, 2025: 0, 2026: size}, "managers_joined": {2024: 1, 2025: 0, 2026: 0}}
    with django_assert_num_queries(1):
        people = figures.by_person([JOINED], scope, Period(), [members[0].user_id])
    assert people == {"joined": {members[0].user_id: 1}}
    windows = {"may": (Period.days(date(2026, 5, 1), date(2026, 6, 1)), Q()), "none": (Period.year(2025), Q())}
    with django_assert_num_queries(1):
        assert figures.in_windows(JOINED, scope, windows, distinct_people=True) == {"may": size, "none": 0}
    counted = Organization.objects.filter(pk=organization.pk).annotate(n=figures.per_organization(JOINED, Period()))
    assert counted.get().n == size + 1


def test_every_scheme_registers_a_provider_with_documented_measures():
    keys = [provider.key for provider in figures.providers()]
    assert keys == ["courses", "seminars", "consultations", "study_groups", "placements"]
    names = [m.name for provider in figures.providers() for m in provider.measures]
    assert len(names) == len(set(names))
    for provider in figures.providers():
        assert provider.measure(provider.headline)
        for m in provider.measures:
            assert m.doc and m.label


def test_progress_imports_no_scheme_models():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "progress"
    offending = [
        str(path)
        for path in root.rglob("*.py")
        if any(
            line.startswith((f"from {app}", f"import {app}"))
            for line in path.read_text().splitlines()
            for app in ("courses", "advisors", "studygroups", "placements")
        )
    ]
    assert offending == []
