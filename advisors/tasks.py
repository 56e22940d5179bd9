"""Reminders the day before a consultation, through django-tasks.

Each confirmation or reschedule enqueues a reminder for 24 hours before the start
when the backend can defer; the task carries the booking's SEQUENCE, so a reminder
queued before a reschedule or a cancellation does nothing. Backends that cannot
defer rely on ``manage.py send_consultation_reminders`` run periodically.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from . import notifications
from .models import Booking

REMINDER_BEFORE = timedelta(hours=24)


def _deliver(booking: Booking) -> bool:
    now = timezone.now()
    if booking.status != Booking.Status.CONFIRMED or booking.reminder_sent_at or booking.start <= now:
        return False
    with transaction.atomic():
        # Claim the reminder first so two workers never both send it.
        claimed = Booking.objects.filter(
            pk=booking.pk, reminder_sent_at__isnull=True, status=Booking.Status.CONFIRMED
        ).update(reminder_sent_at=now)
        if claimed:
            notifications.booking_reminder(booking)
    return bool(claimed)


@task()
def send_consultation_reminder(booking_id: int, sequence: int) -> bool:
    booking = (
        Booking.objects.select_related("advisor__user", "learner", "topic", "organization")
        .filter(pk=booking_id, sequence=sequence)
        .first()
    )
    if booking is None:
        return False
    return _deliver(booking)


@task()
def send_due_reminders() -> int:
    """Send every reminder now due; safe to run as often as wanted."""
    now = timezone.now()
    due = Booking.objects.select_related("advisor__user", "learner", "topic", "organization").filter(
        status=Booking.Status.CONFIRMED, reminder_sent_at__isnull=True, start__gt=now, start__lte=now + REMINDER_BEFORE
    )
    return sum(1 for booking in due if _deliver(booking))


def schedule_reminder(booking: Booking) -> None:
    """After commit, queue the reminder for the day before (where the backend can wait)."""
    if not default_task_backend.supports_defer:
        return
    run_after = booking.start - REMINDER_BEFORE
    booking_id, sequence = booking.pk, booking.sequence

    def enqueue():
        send_consultation_reminder.using(run_after=max(run_after, timezone.now())).enqueue(booking_id, sequence)

    transaction.on_commit(enqueue)
