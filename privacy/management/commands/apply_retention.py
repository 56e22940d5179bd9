"""Delete private files whose purpose ended longer ago than the retention settings; schedule daily."""

from django.core.management.base import BaseCommand

from lms import audit
from lms.personal_data import apply_retention

from ._clock import parse_now


class Command(BaseCommand):
    help = (
        "Delete consultation attachments, researcher CVs and closed study groups' documents kept past their "
        "retention period; the records themselves stay for the statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Act as if it were this time (ISO date or date-time, UTC by default).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be deleted, delete nothing.")

    def handle(self, *args, **options):
        now = parse_now(options["now"])
        dry_run = options["dry_run"]
        items = apply_retention(now=now, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for item in items:
            self.stdout.write(f"{verb} {item.kind} of {item.record}: {item.name}")
        self.stdout.write(f"{verb} {len(items)} file(s).")
        if items and not dry_run:
            audit.record(
                action="privacy.retention",
                actor_repr="system",
                details={"deleted": [{"kind": str(i.kind), "record": i.record} for i in items]},
            )
