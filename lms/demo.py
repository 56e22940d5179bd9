"""What every app's demo-data loader receives.

``load_demo_data`` builds the platform (people, organizations, vocabulary), then
calls ``<app>.demo.load(ctx)`` for each scheme that has one. Loaders must be
idempotent: look records up by a natural key before creating them, and create them
through the app's factories (``get_or_build``, ``update_or_build``), as the tests do.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

DEMO_PASSWORD = "demo-pass-2024"


@dataclass
class DemoContext:
    rng: random.Random
    now: datetime
    users: dict = field(default_factory=dict)  # role key -> User ("learner", "manager", ...)
    staff_by_org: dict = field(default_factory=dict)  # organization slug -> [User]
    organizations: list = field(default_factory=list)
    capacity_areas: dict = field(default_factory=dict)  # slug -> CapacityArea
    regions: dict = field(default_factory=dict)  # slug -> Region
    fields_of_activity: dict = field(default_factory=dict)
    home_page: object = None
    created_urls: list = field(default_factory=list)  # (url, role key or None) for the smoke test
    log: list = field(default_factory=list)

    def say(self, line: str) -> None:
        self.log.append(line)


def get_or_build(factory, *, defaults: dict | None = None, **lookup):
    """``get_or_create`` that creates through the app's factory, so the demo and the tests agree on a valid record.

    The record is looked up by its natural key (``lookup``); a missing one is built by ``factory`` with the
    lookup and ``defaults``, every value the demo cares about given explicitly.
    """
    found = factory._meta.model._default_manager.filter(**lookup).first()
    if found is not None:
        return found, False
    return factory(**lookup, **(defaults or {})), True


def update_or_build(factory, *, defaults: dict, **lookup):
    """``update_or_create`` that creates through the app's factory: a found record gets ``defaults`` written."""
    found = factory._meta.model._default_manager.filter(**lookup).first()
    if found is None:
        return factory(**lookup, **defaults), True
    for name, value in defaults.items():
        setattr(found, name, value)
    found.save()
    return found, False
