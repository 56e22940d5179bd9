"""``lms.home.once``: what the personal home's providers share is read once per request, and only then."""

import pytest
from django.core.signals import request_finished, request_started

from lms.home import once


class Person:
    pass


def test_outside_a_request_every_call_reads_afresh():
    person, calls = Person(), []
    once(person, "things", lambda: calls.append(1) or [1])
    once(person, "things", lambda: calls.append(2) or [2])
    assert calls == [1, 2]


@pytest.mark.django_db  # Django's request signals also close old database connections
def test_within_a_request_one_read_and_the_next_request_reads_again():
    person, calls = Person(), []
    request_started.send(sender=None)
    try:
        assert once(person, "things", lambda: calls.append("a") or ["a"]) == ["a"]
        assert once(person, "things", lambda: calls.append("b") or ["b"]) == ["a"]
        assert once(person, "other", lambda: calls.append("c") or ["c"]) == ["c"]
    finally:
        request_finished.send(sender=None)
    request_started.send(sender=None)
    try:
        assert once(person, "things", lambda: calls.append("d") or ["d"]) == ["d"]
    finally:
        request_finished.send(sender=None)
    assert calls == ["a", "c", "d"]
