"""Load seeded, realistic demo content for every feature; safe to run again."""

import random
from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from lms.demo import DEMO_PASSWORD, DemoContext

# Order matters: the platform first, then the schemes, then what reads them.
LOADERS = [
    "home.demo_platform",
    "organizations.demo",  # a pending join request and an NGO application
    "home.demo",
    "courses.demo",
    "advisors.demo",
    "studygroups.demo",
    "placements.demo",
    "progress.demo",
    "privacy.demo",
    "home.demo_translations",  # Japanese versions of the public pages, once they all exist
    "policies.demo",  # terms and privacy notice (both languages), and the demo people's consent
    "courses.demo_images",  # cover pictures for every course and seminar, shared by their translations
    "home.demo_search",  # the search index, over everything above
]
LOGINS = [
    "learner",
    "manager",
    "advisor",
    "researcher",
    "facilitator",
    "editor",
    "staff",
    "admin",
    "learner2",
    "manager2",
    "newcomer",
    "applicant",
]


def run_loaders() -> DemoContext:
    ctx = DemoContext(rng=random.Random(2024), now=timezone.now())
    for path in LOADERS:
        try:
            module = import_module(path)
        except ModuleNotFoundError as error:
            if error.name == path:
                continue
            raise
        with transaction.atomic():
            module.load(ctx)
    return ctx


class Command(BaseCommand):
    help = "Create (or update) the demo organizations, people and content, and print the demo logins."

    def handle(self, *args, **options):
        ctx = run_loaders()
        for line in ctx.log:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo logins (password: %s):" % DEMO_PASSWORD))
        for key in LOGINS:
            user = ctx.users.get(key)
            if user is None:
                continue
            self.stdout.write(f"  {user.email:<28} {key}")
