"""Rebuild the site search index from scratch (after bulk imports; saves keep it current otherwise)."""

import time

from django.core.management.base import BaseCommand

from lms.search_index import rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index (pages, advisors, organizations) in every language."

    def handle(self, *args, **options):
        started = time.monotonic()
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} documents in {time.monotonic() - started:.1f}s."))
