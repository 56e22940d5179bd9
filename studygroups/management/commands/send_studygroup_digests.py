"""Run once a day (cron or a scheduler): queue the study group digest emails."""

from django.core.management.base import BaseCommand

from studygroups.tasks import send_digests_task


class Command(BaseCommand):
    help = "Send the daily digest of new posts to study group members who chose it."

    def handle(self, *args, **options):
        result = send_digests_task.enqueue()
        self.stdout.write(self.style.SUCCESS(f"Digest task queued ({result.id})."))
