"""Course pages and lesson outlines kept in the cache, so a lesson request does not walk the page tree.

Only what every visitor sees alike is stored (live pages and outlines), never enrollments or progress.
Keys carry a version that any save, publish, unpublish, move or delete of a page bumps, so editors'
changes show at once; the timeout only bounds memory.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Page

from lms import cache_versions

VERSION_KEY = "courses:pages-version"
TIMEOUT = 60 * 60


def version() -> int:
    return cache_versions.current(VERSION_KEY)


def bump_version(**kwargs) -> None:
    cache_versions.bump(VERSION_KEY)


def page_changed(sender, instance, **kwargs) -> None:
    """post_save / post_delete receiver: any page row written may change a route or an outline."""
    if isinstance(instance, Page) and not kwargs.get("raw"):
        bump_version()


def key(kind: str, *parts, current: int | None = None) -> str:
    digest = hashlib.sha256("/".join(str(part) for part in parts).encode()).hexdigest()
    return f"courses:{kind}:{version() if current is None else current}:{digest}"


def get_or_build(kind: str, *parts, build):
    """The cached value for (kind, parts), built and stored on a miss; ``None`` results are not stored."""
    name = key(kind, *parts)
    value = cache.get(name)
    if value is None:
        value = build()
        if value is not None:
            cache.set(name, value, TIMEOUT)
    return value


def get_or_build_many(kind: str, ids: list[int], build) -> dict:
    """Values for many ids in one cache round trip; ``build(missing_ids)`` returns a dict for the rest."""
    current = version()
    names = {pk: key(kind, pk, current=current) for pk in ids}
    found = cache.get_many(list(names.values()))
    values = {pk: found[name] for pk, name in names.items() if name in found}
    missing = [pk for pk in ids if pk not in values]
    if missing:
        built = build(missing)
        cache.set_many({names[pk]: built[pk] for pk in missing if pk in built}, TIMEOUT)
        values.update(built)
    return values


def rendered_lesson_body(page) -> str:
    """A lesson's body as HTML, the same for every reader: rendered once per revision and language.

    The blocks' templates read nothing of the request or the reader, so the rendered string (still a
    SafeString, marked so by the block templates that escaped it) can be shared.
    """
    revision = page.live_revision_id or page.latest_revision_id
    return get_or_build(
        "lesson-body",
        page.pk,
        revision,
        get_language(),
        build=lambda: render_to_string("courses/includes/lesson_body.html", {"page": page}),
    )
