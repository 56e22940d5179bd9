"""Queue the day-before reminders; schedule hourly (cron, systemd timer or a platform scheduler)."""

from django.core.management.base import BaseCommand

from courses.tasks import send_seminar_reminders_task


class Command(BaseCommand):
    help = "Remind confirmed participants of seminar sessions starting within a day (each once)."

    def handle(self, *args, **options):
        result = send_seminar_reminders_task.enqueue()
        self.stdout.write(f"Reminder task queued ({result.id}).")
