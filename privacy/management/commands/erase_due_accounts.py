"""Erase accounts whose grace period has passed and delete expired data downloads; schedule hourly."""

from django.core.management.base import BaseCommand

from privacy.services import erasures_perform_due, exports_expire

from ._clock import parse_now


class Command(BaseCommand):
    help = "Erase accounts whose deletion grace period has passed, and delete expired data downloads."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Act as if it were this time (ISO date or date-time, UTC by default).")

    def handle(self, *args, **options):
        now = parse_now(options["now"])
        erased = erasures_perform_due(now=now)
        expired = exports_expire(now=now)
        self.stdout.write(f"Erased {erased} account(s); deleted {expired} expired download(s).")
