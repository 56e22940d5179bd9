"""The one rule for every state change: lock the row inside the transaction, then re-read it.

``lock(obj)`` re-reads ``obj`` under a row lock that is held until the transaction ends, so
the caller re-checks the state it is about to change against what is
really there. On PostgreSQL that is ``SELECT ... FOR UPDATE`` (of the row itself, not the rows it
joins). SQLite has no row locks: a no-op UPDATE of the row first takes the database's write lock,
which serializes the writers the same way.

Callers: every transition in ``advisors``, ``courses``, ``studygroups``, ``placements`` and
``organizations`` services. The loser of a race waits for the winner, then sees the new state and
gets the page's usual message.
"""

from typing import TypeVar

from django.db import connection, transaction
from django.db.models import Model

M = TypeVar("M", bound=Model)


def lock(obj: M) -> M:
    """Re-read ``obj`` in place under a lock held until the surrounding transaction ends; return it.

    The caller's instance is refreshed (so views and tests that hold it see the new state) and its
    cached relations reload lazily.
    """
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("lock() needs a transaction")
    model = type(obj)
    manager = model._base_manager
    if connection.vendor == "sqlite":
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {column} = {column} WHERE {column} = %s", [obj.pk])  # noqa: S608
    if connection.features.has_select_for_update_of:
        queryset = manager.select_for_update(of=("self",))
    else:
        queryset = manager.select_for_update()
    obj.refresh_from_db(from_queryset=queryset)
    return obj
