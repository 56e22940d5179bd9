"""What every app's scale-data generator receives.

``load_scale_data`` makes one context, then calls ``<app>.scale.generate(ctx)`` for the platform
(``organizations``), each scheme and ``progress``, in a fixed order. They all draw from the one
``rng`` in that order, so the same seed gives the same records; each adds its counts to
``ctx.counts`` and may leave what later parts need (people, organizations) on the context.

Everything is written straight to the tables (no services, no signals): this is volume, not
realism. Each run adds a new batch under a fresh ``prefix``.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from lms.fiscal import FISCAL_TZ

BATCH = 2000
PASSWORD = "scale-pass-2024"  # noqa: S105 -- generated test accounts only


@dataclass
class ScaleContext:
    rng: random.Random
    years: list[int]  # the fiscal years the activity spreads over, oldest first
    # Sizes asked for.
    organizations_count: int = 20
    learners_count: int = 200
    courses_count: int = 5
    seminars_count: int = 3
    advisors_count: int = 3
    study_groups_count: int = 3  # per fiscal year
    first_organization_members: int = 0
    log: Callable[[str], None] = lambda line: None
    # Filled by organizations.scale, for the schemes.
    prefix: str = ""
    password_hash: str = ""
    capacity_areas: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    fields_of_activity: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    users: list = field(default_factory=list)  # the learners, in creation order
    organization_of: dict = field(default_factory=dict)  # user pk -> their Organization
    counts: dict = field(default_factory=dict)

    def moment(self, fy: int) -> datetime:
        """A random moment within fiscal year ``fy`` that is not in the future."""
        start = datetime(fy, 4, 1, 9, tzinfo=FISCAL_TZ)
        latest = min(datetime(fy + 1, 3, 31, 18, tzinfo=FISCAL_TZ), timezone.now() - timedelta(hours=1))
        span = max(int((latest - start).total_seconds()), 3600)
        return start + timedelta(seconds=self.rng.randrange(span))
