"""Several querysets read from the database in one round trip.

A page that asks many independent questions (the organization dashboard asks one per figure and table) pays a
round trip and a query for each. On PostgreSQL, psycopg's client-side binding (Django's default) lets one
``execute`` carry several statements and gives back one result set each; every queryset's rows are then handed
to Django's own iterable, so the queryset afterwards is simply evaluated: ``list(queryset)`` yields model
instances, dicts or tuples, and ``prefetch_related`` runs, as usual. Elsewhere (SQLite in tests) each queryset
is evaluated on its own, with the same results.

Build the querysets first, read them together with :func:`fetch`, then use them; :class:`Later` packs a
value with the querysets it is computed from, so callers can collect many and :func:`resolve` them at once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet, Value

T = TypeVar("T")


def _multi_statement(alias: str) -> bool:
    """One execute may carry several statements with parameters only with psycopg's client-side binding."""
    connection = connections[alias]
    options = connection.settings_dict.get("OPTIONS", {})
    return connection.vendor == "postgresql" and not options.get("server_side_binding")


def _prime(queryset: QuerySet, compiler, rows: list) -> None:
    """Evaluate ``queryset`` from ``rows`` (what ``compiler`` would have read): Django's iterable for the
    queryset asks the query for a compiler and the compiler for its rows; both are lent for this one call."""
    query = queryset.query
    compiler.execute_sql = lambda *args, **kwargs: [rows]
    query.get_compiler = lambda *args, **kwargs: compiler
    try:
        queryset._fetch_all()
    finally:
        del query.get_compiler


def fetch(*querysets: QuerySet) -> None:
    """Read every queryset not yet evaluated, in one round trip per database where it can; afterwards each is
    evaluated (its rows in its result cache)."""
    pending: dict[str, list[QuerySet]] = {}
    for queryset in querysets:
        if queryset._result_cache is None and all(queryset is not other for other in pending.get(queryset.db, [])):
            pending.setdefault(queryset.db, []).append(queryset)
    for alias, group in pending.items():
        if len(group) < 2 or not _multi_statement(alias):
            for queryset in group:
                queryset._fetch_all()
            continue
        statements, params, compiled = [], [], []
        for queryset in group:
            compiler = queryset.query.get_compiler(alias)
            try:
                sql, sql_params = compiler.as_sql()
            except EmptyResultSet:
                compiled.append((queryset, compiler, None))
                continue
            statements.append(sql)
            params.extend(sql_params)
            compiled.append((queryset, compiler, sql))
        results = []
        with connections[alias].cursor() as cursor:
            cursor.execute("; ".join(statements), params)
            for position in range(len(statements)):
                if position:
                    cursor.nextset()
                results.append(cursor.fetchall())
        found = iter(results)
        for queryset, compiler, sql in compiled:
            rows = [] if sql is None else next(found)
            if compiler.has_extra_select:  # ordering columns added for DISTINCT: Django cuts them off too
                rows = [row[: compiler.col_count] for row in rows]
            _prime(queryset, compiler, rows)


def aggregate(queryset: QuerySet, **aggregates) -> QuerySet:
    """``queryset.aggregate(**aggregates)`` as a queryset of one dict (so it can be fetched with others): a
    constant column and no grouping, so the database returns one row even for no records."""
    return queryset.order_by().values(_batch_one=Value(1)).annotate(**aggregates)


def aggregated(queryset: QuerySet) -> dict:
    """The aggregates of an :func:`aggregate` queryset, as ``QuerySet.aggregate`` returns them (a filter the
    database never saw, such as ``pk__in=[]``, gives each aggregate's value for no rows: 0 for a count)."""
    row = next(iter(queryset), None)
    if row is None:
        return {
            name: expression.empty_result_set_value
            for name, expression in queryset.query.annotations.items()
            if name != "_batch_one"
        }
    row = dict(row)
    row.pop("_batch_one", None)
    return row


@dataclass
class Later(Generic[T]):
    """A value computed from querysets once they are read (with others, in one round trip)."""

    build: Callable[[], T]
    querysets: list[QuerySet] = field(default_factory=list)

    def value(self) -> T:
        """Read this value's querysets now (one round trip) and compute it."""
        return resolve(self)[0]


def resolve(*laters: Later) -> list:
    """Every value, its querysets read together first."""
    fetch(*(queryset for later in laters for queryset in later.querysets))
    return [later.build() for later in laters]


def gather(parts: list[Later], combine: Callable[[list], T]) -> Later[T]:
    """One value made from several: their querysets read together, then ``combine`` of their values, in order."""
    return Later(
        lambda: combine([part.build() for part in parts]), [queryset for part in parts for queryset in part.querysets]
    )


def merged(parts: list[Later[dict]]) -> Later[dict]:
    """The parts' dicts merged, later keys winning."""
    return gather(parts, lambda values: reduce(or_, values, {}))


def lists(**querysets: QuerySet) -> Later[dict[str, list]]:
    """Each queryset's objects, by name."""
    return Later(lambda: {name: list(queryset) for name, queryset in querysets.items()}, list(querysets.values()))
