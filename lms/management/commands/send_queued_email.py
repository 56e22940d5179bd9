from django.core.management.base import BaseCommand

from lms import outbox


class Command(BaseCommand):
    help = (
        "Send the outgoing emails that are due (failed sends wait with a growing delay) and forget sent ones "
        "after 30 days. Run it from cron every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200)

    def handle(self, *args, limit, **options):
        sent, failed = outbox.outbox_send_due(limit=limit)
        pruned = outbox.outbox_prune()
        self.stdout.write(f"sent={sent} failed={failed} pruned={pruned}")
