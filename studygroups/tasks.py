"""Background work for study groups (django-tasks); the management commands enqueue these."""

from django_tasks import task


@task(queue_name="default")
def send_digests_task() -> int:
    """The daily digest for members who chose it."""
    from .notifications import send_digests

    return send_digests()


@task(queue_name="default")
def send_meeting_reminders_task() -> int:
    """Reminders for meetings in the next 24 hours, each sent once."""
    from .services import meeting_send_reminders

    return meeting_send_reminders()
