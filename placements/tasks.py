"""Background work for placements (django-tasks)."""

from django_tasks import task


@task(queue_name="default")
def send_milestone_reminders_task() -> int:
    """Run daily (by the management command or a scheduler) to remind people of milestones due soon."""
    from .services import milestone_send_reminders

    return milestone_send_reminders()
