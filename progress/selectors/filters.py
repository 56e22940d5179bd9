"""The programme dashboard's filters: fiscal year, region, field of activity, capacity area and scheme, read
safely from the query string (a value that does not exist is ignored with a note, never an error)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from lms import figures
from lms.measures import Period, Scope
from organizations.models import CapacityArea, FieldOfActivity, Organization, Region

from .common import fiscal_year_param, single_param


def schemes() -> list[str]:
    return [provider.key for provider in figures.providers()]


def scheme_choices() -> list[tuple[str, str]]:
    return [(provider.key, str(provider.label)) for provider in figures.providers()]


@dataclass(frozen=True)
class ProgrammeFilters:
    """What the programme dashboard is narrowed to. Region and field describe the organization, so they narrow
    every figure through the organization the record belongs to; the capacity area narrows each scheme's activity
    by the area it is tagged with (course, seminar, consultation topic, study group, placement, assessed
    indicator); the scheme shows that scheme's figures only. Organization-wide figures (organizations, members)
    have no capacity area or scheme and follow region and field alone."""

    fy: int | None = None
    region: str = ""
    field: str = ""
    area: str = ""
    scheme: str = ""

    @property
    def narrows_organizations(self) -> bool:
        return bool(self.region or self.field)

    def shows(self, scheme: str) -> bool:
        return not self.scheme or self.scheme == scheme

    def organizations(self) -> QuerySet[Organization]:
        organizations = Organization.objects.all()
        if self.region:
            organizations = organizations.filter(region__slug=self.region)
        if self.field:
            organizations = organizations.filter(
                pk__in=Organization.objects.filter(fields_of_activity__slug=self.field).values("pk")
            )
        return organizations

    def of_organizations(self, path: str = "organization") -> Q:
        """Records whose organization (at ``path``) is in the region and field chosen; no join when none is."""
        if not self.narrows_organizations:
            return Q()
        return Q(**{f"{path}__in": self.organizations().values("pk")})

    def scope(self) -> Scope:
        """What every scheme's figures are narrowed to: the organizations chosen (None: all) and the area."""
        organizations = self.organizations().values("pk") if self.narrows_organizations else None
        return Scope(organizations=organizations, area=self.area)

    def period(self) -> Period:
        return Period.year(self.fy)

    def shown(self) -> list[figures.Provider]:
        return [provider for provider in figures.providers() if self.shows(provider.key)]

    def query(self) -> dict:
        """The GET parameters that reproduce these filters (for exports and links)."""
        params = {"fy": self.fy if self.fy is not None else "all"}
        params |= {name: getattr(self, name) for name in ("region", "field", "area", "scheme") if getattr(self, name)}
        return params


@dataclass
class FilterChoices:
    regions: list
    fields: list
    areas: list
    schemes: list


def programme_filters(params) -> tuple[ProgrammeFilters, FilterChoices, list[str]]:
    """The filters from the query string, the choices to offer, and a message for each value ignored: a
    typed-in region or year that does not exist shows the whole programme with a note, never an error."""
    choices = FilterChoices(
        regions=list(Region.objects.canonical()),
        fields=list(FieldOfActivity.objects.canonical()),
        areas=list(CapacityArea.objects.canonical()),
        schemes=scheme_choices(),
    )
    ignored = []
    raw_fy = single_param(params, "fy")
    fy = fiscal_year_param(params)
    if raw_fy not in (None, "", "all") and str(fy) != raw_fy:
        ignored.append(_("There is no fiscal year “%(value)s”: the current fiscal year is shown.") % {"value": raw_fy})
    values = {}
    known = {
        "region": ({row.slug for row in choices.regions}, _("region")),
        "field": ({row.slug for row in choices.fields}, _("field of activity")),
        "area": ({row.slug for row in choices.areas}, _("capacity area")),
        "scheme": (set(schemes()), _("scheme")),
    }
    for name, (slugs, label) in known.items():
        raw = single_param(params, name) or ""
        if raw and raw not in slugs:
            ignored.append(
                _("There is no %(filter)s “%(value)s”: every %(filter)s is shown.") % {"filter": label, "value": raw}
            )
            raw = ""
        values[name] = raw
    return ProgrammeFilters(fy=fy, **values), choices, ignored


def active_filters(filters: ProgrammeFilters, choices: FilterChoices) -> list[tuple[str, str]]:
    """(label, value) of each filter narrowing the page beyond the fiscal year, in the reader's language."""
    names = {
        "region": (_("Region"), {row.slug: str(row) for row in choices.regions}),
        "field": (_("Field of activity"), {row.slug: str(row) for row in choices.fields}),
        "area": (_("Capacity area"), {row.slug: str(row) for row in choices.areas}),
        "scheme": (_("Scheme"), dict(choices.schemes)),
    }
    return [(label, by_slug[getattr(filters, key)]) for key, (label, by_slug) in names.items() if getattr(filters, key)]
