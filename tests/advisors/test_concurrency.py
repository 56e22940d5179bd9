"""PostgreSQL: the database, not the application, guarantees that consultations never collide."""

import threading
from datetime import time, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from advisors import availability, services
from advisors.factories import ConsultationFactory, WeeklyRuleFactory
from advisors.models import Consultation
from lms.errors import ServiceError
from organizations.factories import MembershipFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(calls):
    """Run every call at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    outcomes = []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            call()
            result = "booked"
        except ServiceError as error:
            result = error.message_text
        except Exception as error:  # anything else would be a 500
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def consultation_call(advisor, learner, organization, topic, start):
    return lambda: services.consultation_create(
        advisor=advisor,
        learner=learner,
        organization=organization,
        topic=topic,
        mode="online",
        question="Race",
        start=start,
    )


def test_twenty_simultaneous_requests_for_one_slot_give_one_consultation(advisor, organization, topic, slot_after):
    slot = slot_after(advisor)
    learners = [MembershipFactory(organization=organization).user for _ in range(20)]
    outcomes = race([consultation_call(advisor, learner, organization, topic, slot.start) for learner in learners])
    assert outcomes.count("booked") == 1
    assert all("This time was just taken" in o for o in outcomes if o != "booked"), outcomes
    assert Consultation.objects.filter(advisor=advisor).count() == 1


def test_without_the_application_lock_the_constraint_still_holds(advisor, organization, topic, slot_after, monkeypatch):
    monkeypatch.setattr(services.consultations, "_lock_advisor", lambda advisor: None)
    slot = slot_after(advisor)
    learners = [MembershipFactory(organization=organization).user for _ in range(20)]
    outcomes = race([consultation_call(advisor, learner, organization, topic, slot.start) for learner in learners])
    assert outcomes.count("booked") == 1
    assert all("This time was just taken" in o for o in outcomes if o != "booked"), outcomes
    assert Consultation.objects.filter(advisor=advisor).count() == 1


def test_overlapping_slots_with_different_starts_give_one_consultation(advisor, organization, topic, monkeypatch):
    # Two windows 30 minutes apart give overlapping hour slots at :00 and :30.
    for weekday in range(7):
        WeeklyRuleFactory(advisor=advisor, weekday=weekday, start_time=time(9, 30), end_time=time(10, 30))
    monkeypatch.setattr(services.consultations, "_lock_advisor", lambda advisor: None)
    ctx = availability.load_context(advisor)
    slots = availability.open_slots(ctx)
    nine = next(s for s in slots if s.start.astimezone(advisor.zone).strftime("%H:%M") == "09:00" and s.start > ctx.now
                + timedelta(days=2))  # fmt: skip
    half_past = nine.start + timedelta(minutes=30)
    assert half_past in {s.start for s in slots}
    learners = [MembershipFactory(organization=organization).user for _ in range(10)]
    calls = [consultation_call(advisor, learner, organization, topic, nine.start) for learner in learners[:5]]
    calls += [consultation_call(advisor, learner, organization, topic, half_past) for learner in learners[5:]]
    outcomes = race(calls)
    assert outcomes.count("booked") == 1, outcomes
    assert Consultation.objects.filter(advisor=advisor).count() == 1


def test_cancelling_frees_the_slot(advisor, organization, topic, slot_after, member):
    slot = slot_after(advisor)
    first = consultation_call(advisor, member, organization, topic, slot.start)
    first()
    consultation = Consultation.objects.get()
    other = MembershipFactory(organization=organization).user
    with pytest.raises(ServiceError):
        consultation_call(advisor, other, organization, topic, slot.start)()
    services.consultation_cancel(consultation=consultation, by=member, reason="Change of plans")
    consultation_call(advisor, other, organization, topic, slot.start)()
    assert Consultation.objects.exclude(status="cancelled").count() == 1


def test_exclusion_constraints_per_advisor_and_per_learner(advisor, organization, topic, member):
    consultation = ConsultationFactory(advisor=advisor, learner=member, organization=organization, topic=topic)
    overlap = {"start": consultation.start + timedelta(minutes=30), "end": consultation.end + timedelta(minutes=30)}
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(advisor=advisor, organization=organization, topic=topic, **overlap)
    other_advisor_consultation = {"organization": organization, "topic": topic, "learner": member, **overlap}
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(**other_advisor_consultation)
    # Back to back is fine, and cancelled or declined consultations are ignored.
    ConsultationFactory(advisor=advisor, organization=organization, topic=topic, start=consultation.end)
    ConsultationFactory(advisor=advisor, organization=organization, topic=topic, status="declined", **overlap)
    consultation.status = "cancelled"
    consultation.save()
    ConsultationFactory(
        advisor=advisor, learner=member, organization=organization, topic=topic, start=consultation.start
    )
