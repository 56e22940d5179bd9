"""The demo loaders make their records through the apps' factories, as the tests do (issue 19).

So the demo and the tests can't disagree about what a valid record is: a source scan fails when a
demo module creates a model instance with ``Model.objects.create`` and friends, and a load of the demo
fails when a factory filled in something the demo did not give (a stray ``user3@example.org``).
Idempotency and the demo logins are checked by ``tests/home/test_demo_data.py``.
"""

import importlib
import re
from pathlib import Path

import factory
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

ROOT = Path(settings.BASE_DIR)
# (demo module, model): why it may be created directly.
ALLOWED = {
    ("placements.demo", "Group"): "Django's permission group: given to an existing researcher, not demo data",
    ("home.demo_platform", "Locale"): "Wagtail's language configuration, not demo data",
    ("home.demo_translations", "Locale"): "Wagtail's language configuration, not demo data",
}
DIRECT = re.compile(r"\b(\w+)\.objects(?:\.\w+\(\))*\.(create|get_or_create|update_or_create|bulk_create)\(")


def _demo_modules() -> list[str]:
    names = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.parent != ROOT:
            continue
        names += [f"{config.name}.{file.stem}" for file in sorted(path.glob("demo*.py"))]
        # A demo package (studygroups/demo/): every module in it.
        for package in sorted(p for p in path.glob("demo*") if (p / "__init__.py").exists()):
            names += [f"{config.name}.{package.name}.{file.stem}" for file in sorted(package.glob("*.py"))]
    return names


def _project_app(model) -> bool:
    return Path(apps.get_app_config(model._meta.app_label).path).parent == ROOT


def _factory_models() -> set:
    found = set()
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            is_factory = isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory)
            if is_factory and value._meta.model is not None:
                found.add(value._meta.model)
    return found


def test_the_scan_sees_the_demo_modules():
    modules = _demo_modules()
    for expected in (
        "advisors.demo",
        "courses.demo_seminars",
        "home.demo_platform",
        "placements.demo",
        "studygroups.demo.builders",
        "studygroups.demo.groups",
    ):
        assert expected in modules


def test_demo_modules_create_records_through_factories():
    with_factory = _factory_models()
    offences = []
    for name in _demo_modules():
        module = importlib.import_module(name)
        source = Path(module.__file__).read_text()
        for match in DIRECT.finditer(source):
            model_name, method = match.groups()
            if (name, model_name) in ALLOWED:
                continue
            model = getattr(module, model_name, None)
            if not (isinstance(model, type) and issubclass(model, models.Model)):
                model = next((m for m in apps.get_models() if m.__name__ == model_name), None)
            if model is None or model in with_factory or _project_app(model):
                line = source[: match.start()].count("\n") + 1
                offences.append(f"{name}:{line} {model_name}.objects.{method}(")
    assert not offences, "create these through the app's factory (lms.demo.get_or_build/update_or_build):\n" + (
        "\n".join(offences)
    )


def test_the_scan_catches_a_direct_create():
    assert DIRECT.search('Booking.objects.update_or_create(uid=uid, defaults={"status": "confirmed"})')
    assert DIRECT.search('CapacityArea.objects.canonical().update_or_create(slug="governance")')
    assert not DIRECT.search("BookingFactory(uid=uid)")


# What a factory makes up when it is not told (its sequences): the demo must give every such value itself.
FACTORY_INVENTIONS = [
    ("organizations.User", "email", r"^(user|invitee)\d+@example\.org$"),
    ("organizations.Organization", "slug", r"^organization-\d+$"),
    ("organizations.Region", "name", r"^Region \d+$"),
    ("organizations.CapacityArea", "name", r"^Capacity area \d+$"),
    ("organizations.FieldOfActivity", "name", r"^Field \d+$"),
    ("organizations.OrganizationApplication", "name_en", r"^Applicant NGO \d+$"),
    ("advisors.AdvisorProfile", "slug", r"^advisor-\d+$"),
    ("advisors.OutreachRequest", "requester_name", r"^University \d+$"),
    ("progress.Assessment", "slug", r"^assessment-\d+$"),
    ("progress.Target", "title", r"^Target \d+$"),
    ("studygroups.StudyGroup", "slug", r"^study-group-\d+$"),
    ("studygroups.Meeting", "title", r"^Meeting \d+$"),
    ("studygroups.ReportChapter", "title", r"^Chapter \d+$"),
]


@pytest.mark.django_db
def test_the_demo_leaves_nothing_to_a_factory_default():
    from home.management.commands.load_demo_data import run_loaders

    run_loaders()
    for label, field, pattern in FACTORY_INVENTIONS:
        model = apps.get_model(label)
        invented = list(model._default_manager.filter(**{f"{field}__regex": pattern}).values_list(field, flat=True))
        assert not invented, f"the demo left {label}.{field} to its factory: {invented}"
