"""Fill the database with programme-sized data to measure the dashboards, e.g.

    python manage.py load_scale_data --organizations 500 --learners 20000 --courses 30 \
        --first-organization-members 1000 --measure

Each run adds a new batch; use a database of its own (DATABASE_URL), not the demo one. The same
seed gives the same records and counts in every batch.
"""

import random
import time
from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from lms.fiscal import current_fiscal_year
from lms.scale import PASSWORD, ScaleContext
from lms.search_index import rebuild
from progress.scale import measure

# Order matters: the platform first (it names the batch and makes the people), then the schemes, then
# progress; they share one random generator, so reordering them changes the data a seed gives.
GENERATORS = [
    "organizations.scale",
    "courses.scale",
    "advisors.scale",
    "studygroups.scale",
    "placements.scale",
    "progress.scale",
]


@transaction.atomic
def run_generators(
    *,
    organizations: int = 20,
    learners: int = 200,
    courses: int = 5,
    seminars: int = 3,
    advisors: int = 3,
    study_groups: int = 3,
    first_organization_members: int = 0,
    seed: int = 2024,
    log=lambda line: None,
) -> ScaleContext:
    """One batch, all or nothing; returns the context (``prefix``, ``organizations``, ``counts``...)."""
    this_year = current_fiscal_year()
    ctx = ScaleContext(
        rng=random.Random(seed),
        years=[this_year - 2, this_year - 1, this_year],
        organizations_count=organizations,
        learners_count=learners,
        courses_count=courses,
        seminars_count=seminars,
        advisors_count=advisors,
        study_groups_count=study_groups,
        first_organization_members=first_organization_members,
        log=log,
    )
    for path in GENERATORS:
        import_module(path).generate(ctx)
    return ctx


def scheme_totals() -> dict[str, int]:
    """Every scheme's measures over the whole programme, read through the providers as the dashboards read
    them, so a generated batch that a dashboard would show as empty is seen at once."""
    from lms import figures
    from lms.measures import Period, Scope

    measures = [m for provider in figures.providers() for m in provider.measures]
    return figures.totals(measures, Scope(), Period())


class Command(BaseCommand):
    help = "Generate many organizations, learners and activity with bulk inserts, for load and query-count checks."

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=50)
        parser.add_argument("--learners", type=int, default=1000)
        parser.add_argument("--courses", type=int, default=30)
        parser.add_argument("--seminars", type=int, default=10)
        parser.add_argument("--advisors", type=int, default=20)
        parser.add_argument("--study-groups", type=int, default=5, help="Per fiscal year.")
        parser.add_argument(
            "--first-organization-members", type=int, default=0, help="Put this many learners in the first NGO."
        )
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--measure", action="store_true", help="Then time the dashboards with the test client.")

    def handle(self, *args, **options):
        started = time.monotonic()

        def log(line):
            self.stdout.write(f"  {time.monotonic() - started:6.1f}s  {line}")

        result = run_generators(
            organizations=options["organizations"],
            learners=options["learners"],
            courses=options["courses"],
            seminars=options["seminars"],
            advisors=options["advisors"],
            study_groups=options["study_groups"],
            first_organization_members=options["first_organization_members"],
            seed=options["seed"],
            log=log,
        )
        log(f"search index: {rebuild()} documents")
        log("figures, all time: " + ", ".join(f"{name} {n}" for name, n in scheme_totals().items()))
        first = result.organizations[0] if result.organizations else None
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f}s (batch {result.prefix})."))
        if first is not None:
            self.stdout.write(
                f"Managers sign in as {result.prefix}-0@scale.example.org (password {PASSWORD}); "
                f"their dashboard is /organizations/{first.slug}/progress/"
            )
        if options["measure"] and first is not None:
            measure(first, log=lambda line: self.stdout.write(f"  {line}"))
