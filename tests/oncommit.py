"""After-commit work in tests, through pytest-django's on-commit capture, not a patched ``transaction.on_commit``.

A test runs inside a transaction that never commits, so mail queued with ``on_commit`` would never go. A
request's after-commit work runs when the request answers, as it does after the real commit in production;
a service called directly runs inside ``committed()``. Either way the work leaves the queue once it has run,
so an enclosing capture does not run it twice.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client, TestCase


@contextmanager
def committed(using: str = DEFAULT_DB_ALIAS):
    """Run the after-commit work registered inside the block when it ends, as a commit would."""
    start = len(connections[using].run_on_commit)
    try:
        with TestCase.captureOnCommitCallbacks(using=using, execute=True) as callbacks:
            yield callbacks
    finally:
        del connections[using].run_on_commit[start:]


class CommittingClient(Client):
    """A test client whose every request ends as a committed transaction would."""

    def request(self, **request):
        with committed():
            return super().request(**request)
