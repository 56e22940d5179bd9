"""PostgreSQL: seminar cancellations, waitlist promotions and certificate revocations raced by real threads."""

import pytest
from django.core import mail

from courses import services
from courses.models import Certificate, SeminarRegistration
from organizations.factories import UserFactory
from tests.concurrency import OK, mails_to, per_recipient, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def full_session(make_session):
    """One seat, taken by ``first``; ``second`` and ``third`` wait in that order."""
    session = make_session(capacity=1)
    people = [UserFactory() for _ in range(3)]
    registrations = [services.registration_create(session=session, user=person) for person in people]
    assert [r.status for r in registrations] == ["confirmed", "waitlisted", "waitlisted"]
    mail.outbox.clear()
    return session, registrations


def cancel(registration, by):
    return lambda: services.registration_cancel(registration=SeminarRegistration.objects.get(pk=registration.pk), by=by)


def test_one_cancellation_sent_twice_at_once_promotes_once(full_session, programme_staff):
    session, (first, second, third) = full_session
    outcomes = race([cancel(first, first.user), cancel(first, programme_staff)])
    assert sorted(outcomes) == sorted([OK, "This registration is already cancelled."])
    statuses = dict(SeminarRegistration.objects.filter(session=session).values_list("user_id", "status"))
    assert statuses == {first.user_id: "cancelled", second.user_id: "confirmed", third.user_id: "waitlisted"}
    assert len(mails_to(second.user.email)) == 1  # one promotion email
    assert len(mails_to(first.user.email)) == 1  # one cancellation email
    assert not mails_to(third.user.email)


def test_two_cancellations_at_once_promote_the_next_two_in_order(make_session):
    session = make_session(capacity=2)
    people = [UserFactory() for _ in range(4)]
    regs = [services.registration_create(session=session, user=person) for person in people]
    mail.outbox.clear()
    outcomes = race([cancel(regs[0], regs[0].user), cancel(regs[1], regs[1].user)])
    assert outcomes == [OK, OK]
    confirmed = SeminarRegistration.objects.filter(session=session, status="confirmed")
    assert sorted(confirmed.values_list("user_id", flat=True)) == sorted([regs[2].user_id, regs[3].user_id])
    assert sorted(confirmed.values_list("seat", flat=True)) == [1, 2]
    assert all(count == 1 for count in per_recipient().values()), per_recipient()


def test_a_cancellation_and_a_new_registration_at_once_never_overfill(full_session):
    session, (first, second, _third) = full_session
    newcomer = UserFactory()
    outcomes = race([cancel(first, first.user), lambda: services.registration_create(session=session, user=newcomer)])
    assert outcomes == [OK, OK]
    confirmed = SeminarRegistration.objects.filter(session=session, status="confirmed")
    # The freed seat goes to the first in line, not to whoever asked at that moment.
    assert list(confirmed.values_list("user_id", flat=True)) == [second.user_id]
    assert SeminarRegistration.objects.get(session=session, user=newcomer).status == "waitlisted"


def test_revoking_a_certificate_twice_at_once_revokes_once(programme_staff, course):
    from courses.factories import EnrollmentFactory

    enrollment = EnrollmentFactory(course=course)
    certificate = Certificate.objects.create(
        enrollment=enrollment, learner_name="A", course_title=course.title, issued_at=enrollment.enrolled_at
    )
    other_staff = UserFactory(groups=["Programme staff"])

    def revoke(by, reason):
        return lambda: services.certificate_revoke(
            certificate=Certificate.objects.get(pk=certificate.pk), by=by, reason=reason
        )

    outcomes = race([revoke(programme_staff, "first"), revoke(other_staff, "second")])
    assert sorted(outcomes) == sorted([OK, "This certificate is already revoked."])
    certificate.refresh_from_db()
    winner = programme_staff if outcomes[0] == OK else other_staff
    assert certificate.revoked_by_id == winner.pk
    assert certificate.revocation_reason == ("first" if outcomes[0] == OK else "second")
