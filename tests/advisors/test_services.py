"""Consultation rules enforced on the server, lifecycle, emails with invitations, reminders."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, OperationalError
from django.utils import timezone

from advisors import services, tasks
from advisors.factories import AdvisorProfileFactory, BlockedPeriodFactory, ConsultationFactory, WeeklyRuleFactory
from advisors.models import Consultation, ConsultationRecord, FollowUp
from lms.errors import ServiceError
from organizations.factories import MembershipFactory
from tests.oncommit import committed

pytestmark = pytest.mark.django_db


def invitation(message) -> str:
    (name, content, mimetype) = message.attachments[0]
    assert mimetype.startswith("text/calendar; method=")
    return content


def test_consultation_request_waits_for_the_advisor_and_sends_invitations(advisor, slot_after, book, member):
    slot = slot_after(advisor)
    consultation = book(advisor, slot.start)
    assert consultation.status == Consultation.Status.PENDING
    assert consultation.end - consultation.start == timedelta(minutes=60)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([advisor.user.email, member.email])
    content = invitation(mail.outbox[0])
    assert "METHOD:REQUEST" in content
    assert f"UID:consultation-{consultation.uid}@ngo-lms" in content
    assert "STATUS:TENTATIVE" in content
    assert slot.start.strftime("DTSTART:%Y%m%dT%H%M%SZ") in content


def test_auto_confirm_books_at_once_with_arrangements(advisor, slot_after, book):
    advisor.auto_confirm = True
    advisor.save()
    consultation = book(advisor, slot_after(advisor).start)
    assert consultation.status == Consultation.Status.CONFIRMED
    assert consultation.arrangements == advisor.meeting_link


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("past", "in the past"),
        ("notice", "notice"),
        ("window", "days ahead"),
        ("outside", "not available at that time"),
        ("blocked", "away"),
        ("not_accepting", "not accepting"),
    ],
)
def test_direct_requests_outside_the_rules_are_refused(advisor, book, slot_after, case, message):
    zone = advisor.zone
    tomorrow = (timezone.now().astimezone(zone) + timedelta(days=3)).date()
    start = datetime.combine(tomorrow, time(10), tzinfo=zone).astimezone(UTC)
    if case == "past":
        start = datetime.combine(tomorrow - timedelta(days=6), time(10), tzinfo=zone).astimezone(UTC)
    elif case == "notice":
        advisor.min_notice_hours = 24 * 5
        advisor.save()
    elif case == "window":
        start += timedelta(days=advisor.consultation_window_days + 1)
    elif case == "outside":
        start = datetime.combine(tomorrow, time(3), tzinfo=zone).astimezone(UTC)
    elif case == "blocked":
        BlockedPeriodFactory(advisor=advisor, start=start - timedelta(hours=2), end=start + timedelta(hours=5))
    elif case == "not_accepting":
        advisor.accepting_consultations = False
        advisor.save()
    with pytest.raises(ServiceError, match=message):
        book(advisor, start)
    assert not Consultation.objects.exists()


def test_a_start_between_slots_is_refused(advisor, book, slot_after):
    with pytest.raises(ServiceError, match="not available"):
        book(advisor, slot_after(advisor).start + timedelta(minutes=10))


def test_daily_maximum(advisor, book, slot_after, organization):
    advisor.max_per_day = 1
    advisor.save()
    first = slot_after(advisor, days=3, tokyo_hour=9)
    book(advisor, first.start)
    other = MembershipFactory(organization=organization).user
    with pytest.raises(ServiceError, match="fully booked"):
        book(advisor, first.start + timedelta(hours=2), learner=other)


def test_same_slot_twice_is_taken_and_cancelling_frees_it(advisor, book, slot_after, organization, member):
    slot = slot_after(advisor)
    first = book(advisor, slot.start)
    other = MembershipFactory(organization=organization).user
    with pytest.raises(ServiceError, match="just taken"):
        book(advisor, slot.start, learner=other)
    services.consultation_cancel(consultation=first, by=member, reason="Our director is ill.")
    assert book(advisor, slot.start, learner=other).status == Consultation.Status.PENDING


def test_learner_cannot_hold_two_overlapping_consultations(advisor, book, slot_after, topic):
    slot = slot_after(advisor)
    book(advisor, slot.start)
    second = AdvisorProfileFactory(slug="second-advisor", expertise=[topic])
    for weekday in range(7):
        WeeklyRuleFactory(advisor=second, weekday=weekday, start_time=time(9), end_time=time(17))
    with pytest.raises(ServiceError, match="already have a consultation"):
        book(second, slot.start)


def test_only_members_book_for_their_organization(advisor, book, slot_after, other_organization):
    with pytest.raises(ServiceError, match="belong to"):
        book(advisor, slot_after(advisor).start, organization_=other_organization)


def test_mode_must_be_offered(advisor, book, slot_after):
    advisor.offers_phone = False
    advisor.save()
    with pytest.raises(ServiceError, match="does not offer"):
        book(advisor, slot_after(advisor).start, mode="phone")


def test_database_conflicts_become_the_taken_message(advisor, book, slot_after, monkeypatch):
    def boom(*args, **kwargs):
        raise IntegrityError("conflicting key value violates exclusion constraint")

    monkeypatch.setattr(Consultation, "save", boom)
    with pytest.raises(ServiceError, match="just taken"):
        book(advisor, slot_after(advisor).start)

    class Deadlock(Exception):
        sqlstate = "40P01"

    def deadlock(*args, **kwargs):
        raise OperationalError("deadlock detected") from Deadlock()

    monkeypatch.setattr(Consultation, "save", deadlock)
    with pytest.raises(ServiceError, match="just taken"):
        book(advisor, slot_after(advisor).start)


def test_confirm_and_decline(advisor, book, slot_after, member):
    consultation = book(advisor, slot_after(advisor).start)
    mail.outbox.clear()
    with pytest.raises(ServiceError):
        services.consultation_confirm(consultation=consultation, by=member)
    with committed():
        services.consultation_confirm(consultation=consultation, by=advisor.user, arrangements="Room 3, Osaka office")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CONFIRMED and consultation.sequence == 1
    assert mail.outbox[0].to == [member.email]
    content = invitation(mail.outbox[0])
    assert "SEQUENCE:1" in content and "STATUS:CONFIRMED" in content and "Room 3" in content

    other = book(advisor, slot_after(advisor, index=2).start)
    with pytest.raises(ServiceError, match="reason"):
        services.consultation_decline(consultation=other, by=advisor.user, reason=" ")
    with committed():
        services.consultation_decline(consultation=other, by=advisor.user, reason="Outside my expertise")
    assert "METHOD:CANCEL" in invitation(mail.outbox[-1])


def test_cancellation_deadline_applies_to_the_learner_only(advisor, member, organization, topic):
    consultation = ConsultationFactory(
        advisor=advisor,
        learner=member,
        organization=organization,
        topic=topic,
        start=timezone.now() + timedelta(hours=5),
    )
    with pytest.raises(ServiceError, match="deadline"):
        services.consultation_cancel(consultation=consultation, by=member, reason="Sorry")
    with committed():
        services.consultation_cancel(consultation=consultation, by=advisor.user, reason="Called away")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CANCELLED and consultation.cancelled_by == advisor.user
    assert "METHOD:CANCEL" in invitation(mail.outbox[-1])
    assert "SEQUENCE:1" in invitation(mail.outbox[-1])


def test_reschedule_is_atomic(advisor, book, slot_after, organization, member):
    advisor.auto_confirm = True
    advisor.save()
    consultation = book(advisor, slot_after(advisor).start)
    other = MembershipFactory(organization=organization).user
    taken = book(advisor, slot_after(advisor, index=3).start, learner=other)
    old_start = consultation.start
    with pytest.raises(ServiceError, match="just taken"):
        services.consultation_reschedule(consultation=consultation, by=member, start=taken.start)
    consultation.refresh_from_db()
    assert consultation.start == old_start and consultation.sequence == 0
    new = slot_after(advisor, index=5).start
    mail.outbox.clear()
    with committed():
        services.consultation_reschedule(consultation=consultation, by=member, start=new)
    consultation.refresh_from_db()
    assert (
        consultation.start == new
        and consultation.sequence == 1
        and consultation.status == Consultation.Status.CONFIRMED
    )
    content = invitation(mail.outbox[0])
    assert f"UID:consultation-{consultation.uid}@ngo-lms" in content and "SEQUENCE:1" in content
    # The old time is free again.
    assert book(advisor, old_start, learner=MembershipFactory(organization=organization).user)


def test_record_follow_ups_and_feedback(advisor, member, organization, topic):
    consultation = ConsultationFactory(
        advisor=advisor, learner=member, organization=organization, topic=topic,
        start=timezone.now() - timedelta(hours=2),
    )  # fmt: skip
    with pytest.raises(ServiceError, match="recorded"):
        services.feedback_create(consultation=consultation, by=member, rating=5)
    with pytest.raises(ServiceError):
        services.record_save(consultation=consultation, by=member, outcome="resolved", summary="x")
    services.record_save(
        consultation=consultation,
        by=advisor.user,
        outcome=ConsultationRecord.Outcome.PARTLY,
        summary="Chart of accounts agreed.",
        private_notes="Director seems overwhelmed.",
        follow_ups=[("Send revised budget", timezone.localdate() + timedelta(days=14)), ("", None)],
    )
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.COMPLETED
    assert FollowUp.objects.filter(consultation=consultation).count() == 1
    services.feedback_create(consultation=consultation, by=member, rating=4, comment="Helpful")
    with pytest.raises(ServiceError, match="already"):
        services.feedback_create(consultation=consultation, by=member, rating=5)


def test_no_show_only_after_start(advisor, member, organization, topic):
    future = ConsultationFactory(advisor=advisor, learner=member, organization=organization, topic=topic)
    with pytest.raises(ServiceError):
        services.consultation_mark_no_show(consultation=future, by=advisor.user)
    past = ConsultationFactory(
        advisor=advisor, learner=member, organization=organization, topic=topic,
        start=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    services.consultation_mark_no_show(consultation=past, by=advisor.user)
    assert past.status == Consultation.Status.NO_SHOW


def test_reminders_are_sent_once_and_never_after_cancellation(advisor, member, organization, topic):
    soon = ConsultationFactory(
        advisor=advisor, learner=member, organization=organization, topic=topic,
        start=timezone.now() + timedelta(hours=20),
    )  # fmt: skip
    cancelled = ConsultationFactory(
        advisor=advisor, learner=member, organization=organization, topic=topic,
        start=timezone.now() + timedelta(hours=22), status=Consultation.Status.CANCELLED,
    )  # fmt: skip
    with committed():
        assert tasks.send_due_reminders.call() == 1
    with committed():
        assert tasks.send_due_reminders.call() == 0
    assert {m.to[0] for m in mail.outbox} == {member.email, advisor.user.email}
    with committed():
        assert not tasks.send_consultation_reminder.call(cancelled.pk, cancelled.sequence)
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None


def test_reminder_is_deferred_and_moved_when_rescheduled(advisor, book, slot_after, settings, member):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    advisor.auto_confirm = True
    advisor.save()
    consultation = book(advisor, slot_after(advisor, days=3).start)
    results = default_task_backend.results
    reminders = [r for r in results if r.task.name == "send_consultation_reminder"]
    assert len(reminders) == 1
    assert reminders[0].task.run_after == consultation.start - timedelta(hours=24)
    with committed():
        services.consultation_reschedule(consultation=consultation, by=member, start=slot_after(advisor, days=4).start)
    reminders = [r for r in default_task_backend.results if r.task.name == "send_consultation_reminder"]
    assert len(reminders) == 2 and reminders[1].args == [consultation.pk, 1]
    # The first reminder no longer matches the consultation's sequence and does nothing.
    with committed():
        assert tasks.send_consultation_reminder.call(consultation.pk, 0) is False


def test_a_failing_mail_server_does_not_lose_the_consultation(advisor, book, slot_after, monkeypatch):
    import lms.tasks
    from lms.models import OutboxEmail

    class Broken:
        def enqueue(self, **kwargs):
            raise ConnectionRefusedError("task queue down")

    monkeypatch.setattr(lms.tasks, "deliver_email_task", Broken())
    consultation = book(advisor, slot_after(advisor).start)
    assert Consultation.objects.filter(pk=consultation.pk).exists()
    assert not mail.outbox
    # Nothing is lost: the messages wait in the outbox for the next try.
    assert OutboxEmail.objects.filter(status="pending").count() >= 1
