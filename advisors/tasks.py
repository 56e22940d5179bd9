"""Reminders the day before a consultation, through django-tasks.

Each confirmation or reschedule enqueues a reminder for 24 hours before the start
when the backend can defer; the task carries the consultation's SEQUENCE, so a reminder
queued before a reschedule or a cancellation does nothing. Backends that cannot
defer rely on ``manage.py send_consultation_reminders`` run periodically.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from . import notifications
from .models import Consultation

REMINDER_BEFORE = timedelta(hours=24)


def _deliver(consultation: Consultation) -> bool:
    now = timezone.now()
    if (
        consultation.status != Consultation.Status.CONFIRMED
        or consultation.reminder_sent_at
        or consultation.start <= now
    ):
        return False
    with transaction.atomic():
        # Claim the reminder first so two workers never both send it.
        claimed = Consultation.objects.filter(
            pk=consultation.pk, reminder_sent_at__isnull=True, status=Consultation.Status.CONFIRMED
        ).update(reminder_sent_at=now)
        if claimed:
            notifications.consultation_reminder(consultation)
    return bool(claimed)


@task()
def send_consultation_reminder(consultation_id: int, sequence: int) -> bool:
    consultation = (
        Consultation.objects.select_related("advisor__user", "learner", "topic", "organization")
        .filter(pk=consultation_id, sequence=sequence)
        .first()
    )
    if consultation is None:
        return False
    return _deliver(consultation)


@task()
def send_due_reminders() -> int:
    """Send every reminder now due; safe to run as often as wanted."""
    now = timezone.now()
    due = Consultation.objects.select_related("advisor__user", "learner", "topic", "organization").filter(
        status=Consultation.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + REMINDER_BEFORE,
    )
    return sum(1 for consultation in due if _deliver(consultation))


def schedule_reminder(consultation: Consultation) -> None:
    """After commit, queue the reminder for the day before (where the backend can wait)."""
    if not default_task_backend.supports_defer:
        return
    run_after = consultation.start - REMINDER_BEFORE
    consultation_id, sequence = consultation.pk, consultation.sequence

    def enqueue():
        send_consultation_reminder.using(run_after=max(run_after, timezone.now())).enqueue(consultation_id, sequence)

    transaction.on_commit(enqueue)
