"""Shared by every dashboard: reading the request's parameters safely, and fiscal-year filters."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from lms.fiscal import (
    current_fiscal_year,
    fiscal_year_bounds,
    fiscal_year_dates,
    fiscal_year_label,
    recent_fiscal_years,
)
from lms.measures import Measure
from organizations.models import Membership, Organization, User
from organizations.selectors import organization_for_manager

NEW_MEMBERS = Measure(
    name="new_members",
    label=gettext_lazy("New members"),
    records=lambda: Membership.objects.all(),
    when="joined_at",
    doc="Memberships of the organization that began in the period, whatever the member's role.",
)

TREND_YEARS = 4
TIMELINE_LENGTH = 30


# Access and parameters --------------------------------------------------------------------------


def single_param(params, name: str) -> str | None:
    """The one value of ``name``, None if absent; a repeated parameter is tampering and answers 404."""
    if name not in params:
        return None
    values = params.getlist(name)
    if len(values) != 1:
        raise Http404
    return values[0]


def organization_for_dashboard(user, slug: str, params) -> Organization:
    """The organization if the viewer manages it or is programme staff; an ``organization`` parameter naming
    anything but this organization (another id, 0, empty, a list) is 404 too, so no figure can be redirected."""
    organization = organization_for_manager(user, slug)
    raw = single_param(params, "organization")
    if raw is not None and raw != str(organization.pk):
        raise Http404
    return organization


def fiscal_year_param(params) -> int | None:
    """``fy`` selects a fiscal year; "all" means every year; anything else falls back to the current one."""
    raw = single_param(params, "fy")
    if raw == "all":
        return None
    if raw and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return current_fiscal_year()


def member_param(organization: Organization, params) -> User | None:
    """The member chosen in the filter; someone who is not a member of this organization is 404."""
    raw = single_param(params, "member")
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise Http404
    return member_of(organization, int(raw))


def member_of(organization: Organization, user_id: int) -> User:
    membership = Membership.objects.select_related("user").filter(organization=organization, user_id=user_id).first()
    if membership is None:
        raise Http404
    return membership.user


def fiscal_year_choices() -> list[tuple[int, str]]:
    return [(fy, fiscal_year_label(fy)) for fy in reversed(recent_fiscal_years(TREND_YEARS))]


def in_year(field: str, fy: int | None) -> Q:
    if fy is None:
        return Q()
    start, end = fiscal_year_bounds(fy)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def in_year_dates(field: str, fy: int | None) -> Q:
    if fy is None:
        return Q()
    start, end = fiscal_year_dates(fy)
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def trend_years(fy: int | None) -> list[int]:
    return recent_fiscal_years(TREND_YEARS, until=fy or current_fiscal_year())


def per_fiscal_year(queryset: QuerySet, field: str, years: list[int], *, dates: bool = False) -> dict[int, int]:
    """Rows per fiscal year in one query, as one filtered COUNT per year: plain range comparisons the database
    can use indexes for, rather than a fiscal-year expression computed on every row."""
    aggregates = {
        f"y{fy}": Count("pk", filter=in_year_dates(field, fy) if dates else in_year(field, fy)) for fy in years
    }
    return {int(key[1:]): value for key, value in queryset.order_by().aggregate(**aggregates).items()}
