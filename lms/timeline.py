"""An organization's timeline, every source's events in one query.

Each source (the members, every scheme's provider, the self-assessments) describes its events as a
queryset in the common columns below (``columns``); ``read`` takes the newest of their union, so the
timeline costs one query however many schemes there are (it was one per source). Each source turns its
own rows into sentences, because only it knows what its columns mean.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import CharField, F, IntegerField, QuerySet, Value
from django.db.models.functions import Cast

from lms import batch

COLUMNS = (
    "t_source",
    "t_when",
    "t_id",
    "t_display",
    "t_first",
    "t_last",
    "t_email",
    "t_order",
    "t_subject_id",
    "t_subject",
    "t_path",
    "t_extra",
)
NEWEST = ("-t_when", "t_source", "-t_id")
PERSON_FIELDS = ("display_name", "first_name", "last_name", "email", "name_order")


@dataclass(frozen=True)
class Row:
    """One event as read: when, who (as the user's name would show), and up to three things about it."""

    when: datetime
    person: str
    subject_id: int | None
    subject: str
    path: str
    extra: str


def _text(path: str):
    return F(path) if path else Value("", output_field=CharField())


def columns(
    queryset: QuerySet,
    *,
    when: str,
    person: str = "",
    subject_id: str = "",
    subject: str = "",
    path: str = "",
    extra: str = "",
) -> QuerySet:
    """``queryset``'s events in the common columns; each argument is a lookup path from its model ("" for
    none; ``person`` is a foreign key to a user)."""
    people = {
        f"t_{name}": _text(f"{person}__{field}" if person else "")
        for name, field in zip(("display", "first", "last", "email", "order"), PERSON_FIELDS, strict=True)
    }
    return queryset.annotate(
        t_source=Value(0, output_field=IntegerField()),  # holds the column's place; ``read`` numbers the sources
        t_when=F(when),
        t_id=F("pk"),  # breaks ties between events at the same moment, so the same ones are always shown
        **people,
        # A typed NULL: PostgreSQL resolves a union's column types pair by pair, and two untyped NULLs make text.
        t_subject_id=F(subject_id) if subject_id else Cast(Value(None), IntegerField()),
        t_subject=_text(subject),
        t_path=_text(path),
        t_extra=_text(extra),
    )


def _person(display: str, first: str, last: str, email: str, order: str) -> str:
    if not email:
        return ""
    user = get_user_model()(display_name=display, first_name=first, last_name=last, email=email, name_order=order)
    return str(user)


# A source: what turns its rows into events (all at once, so it looks up titles once), and its rows.
Source = tuple[Callable[[list[Row]], list], QuerySet | None]


def read(sources: Sequence[Source], limit: int) -> list:
    """The newest ``limit`` events of every source, newest first, each made by its source's function."""
    return later(sources, limit).value()


def later(sources: Sequence[Source], limit: int) -> batch.Later[list]:
    """``read``, as a query to be read with others (lms.batch)."""
    parts = []
    for number, (_make, queryset) in enumerate(sources):
        if queryset is None or queryset.query.is_empty():
            continue
        part = queryset.annotate(t_source=Value(number, output_field=IntegerField())).values_list(*COLUMNS)
        # Where the database allows it, each source is cut to the newest ``limit`` first (by its own index);
        # the result is the same either way.
        if connection.features.supports_slicing_ordering_in_compound:
            part = part.order_by(*NEWEST)[:limit]
        else:
            part = part.order_by()
        parts.append(part)
    if not parts:
        return batch.Later(list)
    if len(parts) == 1:
        union = parts[0] if parts[0].query.is_sliced else parts[0].order_by(*NEWEST)[:limit]
    else:
        union = parts[0].union(*parts[1:], all=True).order_by(*NEWEST)[:limit]
    return batch.Later(lambda: _events(sources, union), [union])


def _events(sources: Sequence[Source], union: QuerySet) -> list:
    rows: dict[int, list[tuple[int, Row]]] = {}
    for position, (
        number,
        when,
        _id,
        display,
        first_name,
        last,
        email,
        order,
        subject_id,
        subject,
        path,
        extra,
    ) in enumerate(union):
        row = Row(
            when=when,
            person=_person(display, first_name, last, email, order),
            subject_id=subject_id,
            subject=subject or "",
            path=path or "",
            extra=extra or "",
        )
        rows.setdefault(number, []).append((position, row))
    events: list = [None] * sum(len(found) for found in rows.values())
    for number, found in rows.items():
        made = sources[number][0]([row for _position, row in found])
        for (position, _row), event in zip(found, made, strict=True):
            events[position] = event
    return events
