"""Organization dashboards kept in the cache, per organization, fiscal year, member filter, page and language.

What is stored is the organization's own figures, the same for every viewer allowed to see them (its
managers and programme staff): who may see a dashboard is checked before the cache is read, and the
organization is part of every key. Saving or deleting a record the dashboard counts bumps that
organization's version (shared records such as pages and assessments bump every organization's), so
changes show at once; the timeout covers what sends no signal (bulk updates, renamed people).
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from lms import cache_versions

GLOBAL_KEY = "progress:dashboard-version"

# Progress's own records counted on an organization's dashboard, and how to find the organization from each;
# each scheme's provider adds its own (lms.figures.Provider.counted).
OWN_COUNTED = {
    "organizations.Membership": lambda r: r.organization_id,
    "progress.AssessmentResponse": lambda r: r.organization_id,
    "progress.Answer": lambda r: r.response.organization_id,
    "progress.Target": lambda r: r.organization_id,
}
# Shared records that appear on every dashboard (names, recommendations, the open assessment); pages bump
# through Wagtail's publish, unpublish and move signals; providers add theirs (Provider.shared).
OWN_SHARED = (
    "organizations.Organization",
    "organizations.CapacityArea",
    "progress.Assessment",
    "progress.Indicator",
    "wagtailcore.PageViewRestriction",  # a page made private leaves the recommendations at once
)
ORGANIZATION_OF: dict = {}
TIMEOUT = 5 * 60


def _organization_key(organization_id: int) -> str:
    return f"progress:dashboard-version:{organization_id}"


def organization_changed(organization_id: int | None) -> None:
    if organization_id is not None:
        cache_versions.bump(_organization_key(organization_id))


def shared_changed(**kwargs) -> None:
    cache_versions.bump(GLOBAL_KEY)


def key(organization_id: int, parts: tuple) -> str:
    """The key for this organization and ``parts`` at their current versions, in the viewer's language and
    time zone (dates and labels are formatted when the figures are built)."""
    shared, own = cache_versions.current_many([GLOBAL_KEY, _organization_key(organization_id)])
    context = (get_language(), timezone.get_current_timezone_name())
    digest = hashlib.sha256(repr((*context, *parts)).encode()).hexdigest()
    return f"progress:dashboard:{organization_id}:{shared}:{own}:{digest}"


def shared_key(parts: tuple) -> str:
    """The key for what every organization's dashboard shares (recommendations, the open assessment), at the
    shared records' current version, in the viewer's language and time zone."""
    shared = cache_versions.current_many([GLOBAL_KEY])[0]
    context = (get_language(), timezone.get_current_timezone_name())
    digest = hashlib.sha256(repr((*context, *parts)).encode()).hexdigest()
    return f"progress:shared:{shared}:{digest}"


def get_or_build(name: str, build):
    value = get(name)
    return put(name, build()) if value is None else value


def get(name: str):
    """What is kept under ``name``, or None (a value built in two steps, see progress.selectors)."""
    return cache.get(name)


def put(name: str, value):
    """Keep ``value`` under ``name``; returns it."""
    cache.set(name, value, TIMEOUT)
    return value


def _record_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    try:
        organization_changed(ORGANIZATION_OF[sender._meta.label](instance))
    except ObjectDoesNotExist:  # deleted along with its parent: which organization is no longer known
        shared_changed()


def _shared_record_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        shared_changed()


def connect() -> None:
    """Called once the apps are loaded (ProgressConfig.ready, after the scheme apps registered their providers:
    progress comes after them in INSTALLED_APPS)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from lms import figures

    ORGANIZATION_OF.clear()
    ORGANIZATION_OF.update(OWN_COUNTED)
    shared = list(OWN_SHARED)
    for provider in figures.providers():
        ORGANIZATION_OF.update(provider.counted)
        shared += provider.shared
    for label in ORGANIZATION_OF:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(_record_changed, sender=model, dispatch_uid=f"progress-dashboard-{label}-{id(signal)}")
    for label in shared:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                _shared_record_changed, sender=model, dispatch_uid=f"progress-dashboard-{label}-{id(signal)}"
            )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(shared_changed, dispatch_uid=f"progress-dashboard-pages-{id(signal)}")
