"""What each scheme holds about a person: export, erasure and retention registries.

Apps register their providers when they load (as with :mod:`lms.calendar`), so the privacy
features gather a person's data from every scheme while this module imports from none.

- An *export provider* returns the sections it holds about a user: readable records plus the
  person's own files, for "Download my data".
- An *erasure provider* removes or anonymises what its scheme holds about a user, keeping the
  anonymous records that programme statistics count (consultations, registrations, posts).
- A *retention provider* deletes private files whose purpose ended before a cutoff and reports
  what it deleted, keeping the records themselves.
"""

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils import timezone


@dataclass
class ExportFile:
    """One of the person's own files: ``name`` is its path inside the archive."""

    name: str
    file: object  # a FieldFile


@dataclass
class ExportSection:
    key: str  # a stable file name, e.g. "advisors_consultations"
    title: str
    records: list[dict] = field(default_factory=list)
    files: list[ExportFile] = field(default_factory=list)


@dataclass(frozen=True)
class RetentionItem:
    kind: str  # e.g. "consultation attachment"
    record: str  # which record kept it, e.g. "Consultation 12"
    name: str  # the file's stored name


ExportProvider = Callable[[object], Iterable[ExportSection]]
ErasureProvider = Callable[[object], None]
RetentionProvider = Callable[[datetime, bool], list[RetentionItem]]

_export_providers: list[ExportProvider] = []
_erasure_providers: list[ErasureProvider] = []
_retention_providers: list[RetentionProvider] = []


def register_export_provider(provider: ExportProvider) -> None:
    if provider not in _export_providers:
        _export_providers.append(provider)


def register_erasure_provider(provider: ErasureProvider) -> None:
    if provider not in _erasure_providers:
        _erasure_providers.append(provider)


def register_retention_provider(provider: RetentionProvider) -> None:
    if provider not in _retention_providers:
        _retention_providers.append(provider)


def export_sections(user) -> list[ExportSection]:
    sections: list[ExportSection] = []
    for provider in _export_providers:
        sections.extend(provider(user))
    return sections


def erase_everywhere(user) -> None:
    for provider in _erasure_providers:
        provider(user)


def apply_retention(*, now: datetime, dry_run: bool = False) -> list[RetentionItem]:
    items: list[RetentionItem] = []
    for provider in _retention_providers:
        items.extend(provider(now, dry_run))
    return items


def _value(obj, model_field):
    if model_field.choices:
        return str(getattr(obj, f"get_{model_field.name}_display")())
    value = getattr(obj, model_field.name)
    if value is None:
        return None
    if isinstance(model_field, models.ForeignKey):
        return str(value)
    if isinstance(model_field, models.FileField):
        return value.name.rsplit("/", 1)[-1] if value else ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def records(queryset_or_objects, fields: list[str], extra: Callable[[object], dict] | None = None) -> list[dict]:
    """Rows keyed by each field's verbose name (what a person can read), values as text or numbers."""
    rows = []
    for obj in queryset_or_objects:
        meta = obj._meta
        row = {}
        for name in fields:
            model_field = meta.get_field(name)
            row[str(model_field.verbose_name)] = _value(obj, model_field)
        if extra:
            row.update(extra(obj))
        rows.append(row)
    return rows


def delete_file(field_file) -> bool:
    """Delete a stored private file; a file already gone counts as deleted."""
    if not field_file:
        return False
    with contextlib.suppress(FileNotFoundError):
        field_file.storage.delete(field_file.name)
    return True
