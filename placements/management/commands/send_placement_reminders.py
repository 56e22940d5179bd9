"""Remind researchers and host managers of milestones due soon; safe to run more than once a day."""

from django.core.management.base import BaseCommand

from placements.tasks import send_milestone_reminders_task


class Command(BaseCommand):
    help = "Queue the milestone reminder task (runs at once with the immediate backend)."

    def handle(self, *args, **options):
        result = send_milestone_reminders_task.enqueue()
        if result.is_finished:
            self.stdout.write(f"Milestone reminders sent: {result.return_value}")
        else:
            self.stdout.write("Milestone reminders queued.")
