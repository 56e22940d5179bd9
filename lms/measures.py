"""What a figure counts and over what: a scheme's measures, the period and the scope a dashboard asks about,
and the table every figure is shown in (lms.figures reads them, many measures to a query)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet

from lms.fiscal import FISCAL_TZ, fiscal_year_bounds, fiscal_year_dates

# Tables ---------------------------------------------------------------------------------------------


@dataclass
class Table:
    """The unit every figure is shown in: rendered as HTML, drawn as a chart, exported as CSV or XLSX."""

    key: str
    caption: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)  # one URL per row (for the first cell), or None
    empty: str = ""

    @property
    def body(self) -> list[tuple[str | None, list]]:
        links = list(self.links) + [None] * (len(self.rows) - len(self.links))
        return list(zip(links, self.rows, strict=False))

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]


# What is asked: a period and a scope ----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A fiscal year (April to March in Tokyo), a window of days, or all time (no bounds)."""

    fy: int | None = None
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive

    @classmethod
    def year(cls, fy: int | None) -> "Period":
        if fy is None:
            return cls()
        start, end = fiscal_year_bounds(fy)
        return cls(fy=fy, start=start, end=end)

    @classmethod
    def days(cls, first: date, last: date) -> "Period":
        """From the start of ``first`` to the end of ``last`` (both included), in Tokyo."""
        start = datetime.combine(first, time.min, tzinfo=FISCAL_TZ)
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=FISCAL_TZ)
        return cls(start=start, end=end)

    @property
    def bounded(self) -> bool:
        return self.start is not None

    def dates(self) -> tuple[date, date]:
        """The first and last day of a bounded period, in Tokyo."""
        if self.fy is not None:
            return fiscal_year_dates(self.fy)
        return self.start.astimezone(FISCAL_TZ).date(), (self.end.astimezone(FISCAL_TZ) - timedelta(days=1)).date()

    def q(self, path: str, *, dates: bool = False) -> Q:
        """Records whose ``path`` (a timestamp, or a date when ``dates``) falls in the period."""
        if not self.bounded:
            return Q()
        if dates:
            first, last = self.dates()
            return Q(**{f"{path}__gte": first, f"{path}__lte": last})
        return Q(**{f"{path}__gte": self.start, f"{path}__lt": self.end})


@dataclass(frozen=True)
class Scope:
    """Whose records: some organizations, one member, one capacity area.

    ``organizations`` is None for every organization, an organization's id, or a queryset of organization
    ids (``values("pk")``) for a filtered set; ``member`` a user id; ``area`` a capacity area's slug.
    """

    organizations: int | QuerySet | None = None
    member: int | None = None
    area: str = ""

    def organization_q(self, path: str = "organization") -> Q:
        if self.organizations is None:
            return Q()
        if isinstance(self.organizations, int):
            return Q(**{path: self.organizations})
        return Q(**{f"{path}__in": self.organizations})


# Measures -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One figure a scheme counts; ``doc`` is its meaning, the one place it is written down.

    ``records`` returns every record the figure counts (any organization, any time); ``when`` is the field
    that places a record in a period (``dates`` when it is a date field); ``fiscal_year``, if set, names a
    field holding the record's fiscal year, used instead of ``when`` for a fiscal-year period. ``organization``
    and ``person`` are the paths to the organization and the member the record belongs to (``person`` empty:
    not one member's activity). ``area`` is the path from a record to its capacity areas; ``page`` the field of
    the page (course, seminar) a record belongs to. ``member_label``, when set, makes the figure a column of
    an organization's members table.
    """

    name: str
    label: str
    records: Callable[[], QuerySet]
    when: str
    doc: str
    dates: bool = False
    fiscal_year: str = ""
    organization: str = "organization"
    person: str = "user"
    area: str = ""
    page: str = ""
    member_label: str | None = None

    def in_period(self, period: Period) -> Q:
        if self.fiscal_year and period.fy is not None:
            return Q(**{self.fiscal_year: period.fy})
        return period.q(self.when, dates=self.dates)

    def in_area(self, area: str | int) -> Q:
        """Records tagged with the capacity area (slug or id), as a subquery so many tags never double-count."""
        if not area or not self.area:
            return Q()
        lookup = f"{self.area}__slug" if isinstance(area, str) else self.area
        return Q(pk__in=self.records().filter(**{lookup: area}).values("pk"))

    def queryset(self, scope: Scope = Scope(), period: Period = Period()) -> QuerySet:
        queryset = self.records().filter(scope.organization_q(self.organization), self.in_period(period))
        if scope.member is not None and self.person:
            queryset = queryset.filter(**{self.person: scope.member})
        if scope.area:
            queryset = queryset.filter(self.in_area(scope.area))
        return queryset.order_by()
