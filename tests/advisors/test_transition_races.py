"""PostgreSQL: consultation transitions raced by real threads end in one state, with one email each."""

import pytest
from django.core import mail

from advisors import services
from advisors.models import Consultation
from tests.concurrency import OK, mails_to, per_recipient, race, sequences

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _run_on_commit_at_once():
    """Here after-commit work runs after the real commit, as in production."""


@pytest.fixture
def pending(advisor, book, slot_after):
    advisor.auto_confirm = False
    advisor.save(update_fields=["auto_confirm"])
    consultation = book(advisor, slot_after(advisor).start)
    assert consultation.status == Consultation.Status.PENDING
    mail.outbox.clear()
    return consultation


def confirm(consultation):
    return lambda: services.consultation_confirm(
        consultation=Consultation.objects.get(pk=consultation.pk), by=consultation.advisor.user, arrangements="Room 3"
    )


def cancel(consultation, by):
    return lambda: services.consultation_cancel(
        consultation=Consultation.objects.get(pk=consultation.pk), by=by, reason="Plans changed"
    )


def decline(consultation):
    return lambda: services.consultation_decline(
        consultation=Consultation.objects.get(pk=consultation.pk), by=consultation.advisor.user, reason="Fully booked"
    )


def test_confirm_twice_at_once_confirms_once_and_mails_once(pending):
    outcomes = race([confirm(pending), confirm(pending)])
    assert sorted(outcomes) == sorted([OK, "Only a waiting request can be confirmed."])
    pending.refresh_from_db()
    assert pending.status == Consultation.Status.CONFIRMED and pending.sequence == 1
    learner_mail = mails_to(pending.learner.email)
    assert len(learner_mail) == 1
    assert sequences(learner_mail) == [1]


def test_confirm_and_cancel_at_once_end_consistent(pending):
    learner = pending.learner
    outcomes = race([confirm(pending), cancel(pending, learner)])
    pending.refresh_from_db()
    # The learner may cancel a waiting or a confirmed consultation, so the cancellation always holds; the
    # confirmation holds only if it came first.
    assert outcomes[1] == OK and outcomes[0] in (OK, "Only a waiting request can be confirmed.")
    assert pending.status == Consultation.Status.CANCELLED
    succeeded = outcomes.count(OK)
    assert pending.sequence == succeeded
    learner_mail = mails_to(learner.email)
    # One email per change, and the calendar sees strictly increasing sequences, the last one the cancellation.
    seqs = sequences(learner_mail)
    assert len(learner_mail) == succeeded and seqs == sorted(set(seqs)) and seqs[-1] == pending.sequence
    assert "METHOD:CANCEL" in str(learner_mail[-1].attachments[0])


def test_decline_and_cancel_at_once_one_wins(pending):
    learner = pending.learner
    outcomes = race([decline(pending), cancel(pending, learner)])
    assert outcomes.count(OK) == 1, outcomes
    loser = next(o for o in outcomes if o != OK)
    assert loser in ("Only a waiting request can be declined.", "This consultation can no longer be cancelled.")
    pending.refresh_from_db()
    assert pending.status in (Consultation.Status.DECLINED, Consultation.Status.CANCELLED)
    assert pending.sequence == 1
    counts = per_recipient()
    assert counts[learner.email] <= 1 and counts[pending.advisor.user.email] <= 1
    assert counts[learner.email] + counts[pending.advisor.user.email] >= 1


def test_cancel_twice_at_once_cancels_once(pending):
    learner = pending.learner
    outcomes = race([cancel(pending, learner), cancel(pending, pending.advisor.user)])
    assert outcomes.count(OK) == 1, outcomes
    pending.refresh_from_db()
    assert pending.status == Consultation.Status.CANCELLED and pending.sequence == 1
    assert all(n == 1 for n in per_recipient().values()), per_recipient()
