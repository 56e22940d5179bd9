"""Seats are never over-allocated, even when everyone clicks at once (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from courses import services
from courses.models import SeminarRegistration
from organizations.factories import UserFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_registrations_for_five_seats(make_session):
    session = make_session(capacity=5)
    users = [UserFactory() for _ in range(20)]
    barrier = threading.Barrier(len(users))
    errors: list[BaseException] = []

    def attempt(user):
        try:
            barrier.wait()
            services.registration_create(session=session, user=user)
        except BaseException as error:  # any error fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    registrations = SeminarRegistration.objects.filter(session=session)
    assert registrations.filter(status="confirmed").count() == 5
    assert registrations.filter(status="waitlisted").count() == 15
    assert sorted(registrations.filter(status="confirmed").values_list("seat", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_cancellations_promote_in_order(make_session):
    session = make_session(capacity=2)
    confirmed = [services.registration_create(session=session, user=UserFactory()) for _ in range(2)]
    waiting = [services.registration_create(session=session, user=UserFactory()) for _ in range(3)]
    barrier = threading.Barrier(2)
    errors = []

    def cancel(registration):
        try:
            barrier.wait()
            services.registration_cancel(registration=registration, by=registration.user)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = {r.pk: r.status for r in SeminarRegistration.objects.filter(session=session)}
    assert [statuses[r.pk] for r in waiting] == ["confirmed", "confirmed", "waitlisted"]
