"""The figures each scheme contributes to the progress dashboards, asked for through one provider per scheme.

A scheme app registers its provider when it loads (``register``), as it registers its calendar feed, so the
progress app reads every figure without importing a scheme's models. A provider's ``measures`` say, once each,
what a figure counts: which records, dated by which field, belonging to which organization and which person,
and in which capacity area. Every page that shows a figure reads it through the same measure, so two pages can
never count the same year differently.

The helpers here answer a question about many measures in one query (``UNION ALL`` of one aggregate per
measure), for any number of organizations, so a dashboard's query count does not grow with its data.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from lms import batch, timeline
from lms.measures import Measure, Period, Scope, Table


def _union(querysets: list[QuerySet]) -> list[QuerySet]:
    """The parts as one queryset (in a list, for ``batch.Later``), or none."""
    if not querysets:
        return []
    first, *rest = querysets
    return [first.union(*rest, all=True) if rest else first]


def _rows(union: list[QuerySet]) -> list[tuple]:
    return list(union[0]) if union else []


def totals(measures: Sequence[Measure], scope: Scope, period: Period) -> dict[str, int]:
    """Each measure's count, in one query."""
    return totals_later(measures, scope, period).value()


def totals_later(measures: Sequence[Measure], scope: Scope, period: Period) -> batch.Later[dict[str, int]]:
    parts = [
        m.queryset(scope, period)
        .annotate(measure=Value(m.name, output_field=CharField()))
        .values("measure")
        .annotate(n=Count("pk"))
        .values_list("measure", "n")
        for m in measures
    ]
    union = _union(parts)

    def build() -> dict[str, int]:
        found = dict(_rows(union))
        return {m.name: found.get(m.name, 0) for m in measures}

    return batch.Later(build, union)


def by_year(measures: Sequence[Measure], scope: Scope, years: list[int]) -> dict[str, dict[int, int]]:
    """Each measure's count per fiscal year, in one query: one filtered count per year, range comparisons the
    database can use indexes for."""
    return by_year_later(measures, scope, years).value()


def by_year_later(
    measures: Sequence[Measure], scope: Scope, years: list[int]
) -> batch.Later[dict[str, dict[int, int]]]:
    parts = []
    for m in measures:
        counts = {f"y{fy}": Count("pk", filter=m.in_period(Period.year(fy))) for fy in years}
        parts.append(
            m.queryset(scope)
            .annotate(measure=Value(m.name, output_field=CharField()))
            .values("measure")
            .annotate(**counts)
            .values_list("measure", *counts)
        )
    union = _union(parts)

    def build() -> dict[str, dict[int, int]]:
        result: dict[str, dict[int, int]] = {m.name: dict.fromkeys(years, 0) for m in measures}
        for name, *values in _rows(union):
            result[name] = dict(zip(years, values, strict=True))
        return result

    return batch.Later(build, union)


def by_person(
    measures: Sequence[Measure], scope: Scope, period: Period, people: Iterable[int] | None = None
) -> dict[str, dict[int, int]]:
    """Each measure's count per member (only ``people`` if given), in one query."""
    return by_person_later(measures, scope, period, people).value()


def by_person_later(
    measures: Sequence[Measure], scope: Scope, period: Period, people: Iterable[int] | None = None
) -> batch.Later[dict[str, dict[int, int]]]:
    parts = []
    ids = None if people is None else [0, *people]  # 0 keeps the query from being skipped when empty
    for m in measures:
        queryset = m.queryset(scope, period)
        if ids is not None:
            queryset = queryset.filter(**{f"{m.person}__in": ids})
        parts.append(
            queryset.annotate(measure=Value(m.name, output_field=CharField()))
            .values("measure", m.person)
            .annotate(n=Count("pk"))
            .values_list("measure", m.person, "n")
        )
    union = _union(parts)

    def build() -> dict[str, dict[int, int]]:
        result: dict[str, dict[int, int]] = {m.name: {} for m in measures}
        for name, person, n in _rows(union):
            result[name][person] = n
        return result

    return batch.Later(build, union)


def by_field(measure: Measure, scope: Scope, period: Period, path: str) -> dict:
    """The measure's count per value of ``path`` (an organization's region, say), in one query."""
    return dict(measure.queryset(scope, period).values_list(path).annotate(n=Count("pk")).order_by())


def per_organization(measure: Measure, period: Period, outer: str = "pk"):
    """A correlated count of the measure for each organization row of an outer query (no join explosion)."""
    return Coalesce(
        Subquery(
            measure.queryset(Scope(), period)
            .filter(**{measure.organization: OuterRef(outer)})
            .values(measure.organization)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def in_windows(
    measure: Measure, scope: Scope, windows: dict[str, tuple[Period, Q]], *, distinct_people: bool = False
) -> dict[str, int]:
    """For each named window (a period and an extra condition), the measure's count (distinct people if
    asked) in one query: targets measured over their own dates."""
    return in_windows_later(measure, scope, windows, distinct_people=distinct_people).value()


def in_windows_later(
    measure: Measure, scope: Scope, windows: dict[str, tuple[Period, Q]], *, distinct_people: bool = False
) -> batch.Later[dict[str, int]]:
    if not windows:
        return batch.Later(dict)
    counted = measure.person if distinct_people else "pk"
    aggregates = {
        name: Count(counted, distinct=True, filter=Q(period.q(measure.when, dates=measure.dates)) & extra)
        for name, (period, extra) in windows.items()
    }
    row = batch.aggregate(measure.queryset(scope), **aggregates)
    return batch.Later(lambda: batch.aggregated(row), [row])


# Providers ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One line of an organization's timeline."""

    when: datetime
    kind: str
    text: str
    url: str = ""


class Provider:
    """What one scheme tells the progress dashboards. Subclasses set the attributes and override the
    methods that apply; the defaults contribute nothing.

    - ``key`` names the scheme in filters and links ("courses"), ``label`` shows it, ``order`` sorts it.
    - ``measures``: the scheme's figures; ``headline``, the name of the one shown in trends and when
      organizations are compared.
    - ``organization_table_keys`` and ``programme_table_keys`` list the tables the two ``*_tables`` methods
      return.
    - ``counted``: model label -> the organization id of a record, so a dashboard's cache is dropped when
      a record it counts changes; ``shared``: models whose change touches every organization's dashboard.
    """

    key = ""
    label = ""
    order = 0
    measures: tuple[Measure, ...] = ()
    headline = ""
    counted: dict[str, Callable[[object], int | None]] = {}
    shared: tuple[str, ...] = ()
    # The keys of the tables the methods below return, so one table can be exported without building the rest.
    organization_table_keys: tuple[str, ...] = ()
    programme_table_keys: tuple[str, ...] = ()

    def measure(self, name: str) -> Measure:
        for m in self.measures:
            if m.name == name:
                return m
        raise KeyError(name)

    def organization_figures_later(self, scope: Scope, period: Period) -> batch.Later[dict]:
        """Figures at a glance on an organization's dashboard, under ``self.key``: the querysets they come from
        and what to make of them, so the dashboard reads every scheme's in one round trip (lms.batch)."""
        return batch.Later(dict)

    def organization_tables_later(self, scope: Scope, period: Period) -> batch.Later[dict[str, Table]]:
        """The scheme's tables on an organization's dashboard, by table key (as ``organization_figures_later``)."""
        return batch.Later(dict)

    def organization_figures(self, scope: Scope, period: Period) -> dict:
        return self.organization_figures_later(scope, period).value()

    def organization_tables(self, scope: Scope, period: Period) -> dict[str, Table]:
        return self.organization_tables_later(scope, period).value()

    def programme_figures(self, scope: Scope, period: Period) -> dict:
        return {}

    def programme_tables(self, scope: Scope, period: Period) -> dict[str, Table]:
        """The scheme's tables on the programme dashboard; ``scope.organizations`` is None or a filtered set."""
        return {}

    def timeline_rows(self, scope: Scope, period: Period) -> QuerySet | None:
        """The scheme's events for the scope in the period, in ``lms.timeline.columns`` (None: none)."""
        return None

    def timeline_events(self, rows: list[timeline.Row]) -> list[Event]:
        """``timeline_rows``' rows as lines of the timeline, in the same order."""
        raise NotImplementedError

    def timeline(self, scope: Scope, period: Period, limit: int) -> list[Event]:
        """The latest ``limit`` events of the scheme for the scope, newest first (the organization's timeline
        reads every scheme's rows at once instead)."""
        return timeline.read([(self.timeline_events, self.timeline_rows(scope, period))], limit)

    def recommendations_later(self, area_ids: list[int], limit: int) -> batch.Later[dict[str, list]]:
        """Ways to grow in these capacity areas, by the key the dashboard shows them under: querysets, so every
        scheme's are read in one round trip."""
        return batch.Later(dict)

    def recommendations(self, area_ids: list[int], limit: int) -> dict[str, list]:
        return self.recommendations_later(area_ids, limit).value()

    def member_records(self, user, organization_id: int | None) -> dict[str, list]:
        """One member's own records in the scheme (for this organization when given), newest first: what
        their manager sees on the member's page."""
        return {}

    def learner_figures_later(self, user) -> batch.Later[dict]:
        """What a learner sees of their own progress in the scheme, across every organization: querysets, so
        every scheme's are read in one round trip."""
        return batch.Later(dict)

    def learner_figures(self, user) -> dict:
        return self.learner_figures_later(user).value()


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _providers[provider.key] = provider


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


def provider(key: str) -> Provider:
    return _providers[key]


def measure(name: str) -> Measure:
    """A measure of any scheme by its name (names are unique across schemes)."""
    for p in _providers.values():
        for m in p.measures:
            if m.name == name:
                return m
    raise KeyError(name)


def headlines() -> list[tuple[Provider, Measure]]:
    return [(p, p.measure(p.headline)) for p in providers() if p.headline]


def member_measures() -> list[Measure]:
    """The measures shown per member, in the schemes' order."""
    return [m for p in providers() for m in p.measures if m.member_label is not None]
