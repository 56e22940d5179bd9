"""Background work for seminars (run by the task worker, or a scheduler calling the command)."""

from django_tasks import task

from . import services


@task(queue_name="default")
def send_seminar_reminders_task() -> int:
    """Remind confirmed participants the day before; safe to run as often as you like."""
    return services.reminders_send()
