"""Send the reminders due in the next 24 hours (for task backends that cannot defer)."""

from django.core.management.base import BaseCommand

from advisors.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Send consultation reminders that are due (run hourly from cron)."

    def handle(self, *args, **options):
        sent = send_due_reminders.call()
        self.stdout.write(f"{sent} reminder(s) sent.")
