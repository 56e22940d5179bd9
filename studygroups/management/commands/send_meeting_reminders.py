"""Run every hour or so: remind members of study group meetings in the next 24 hours."""

from django.core.management.base import BaseCommand

from studygroups.tasks import send_meeting_reminders_task


class Command(BaseCommand):
    help = "Send reminders for study group meetings starting within 24 hours."

    def handle(self, *args, **options):
        result = send_meeting_reminders_task.enqueue()
        self.stdout.write(self.style.SUCCESS(f"Reminder task queued ({result.id})."))
