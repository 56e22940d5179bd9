"""Which pages anyone may see: as a condition the database checks, and the restrictions on a page served."""

from django.core.cache import cache
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction

from lms import cache_versions
from lms.page_cache import GENERATION_KEY

RESTRICTIONS_TIMEOUT = 60 * 60


def public_q() -> Q:
    """Pages in no private section: Wagtail's ``public()``, which first reads every restriction (a query each
    time a queryset is built), as a subquery instead, so a queryset can be built and read later with others
    (lms.batch). A restriction covers its page and every page below it (a path that starts with its path)."""
    path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricted = PageViewRestriction.objects.filter(StartsWith(path, F("page__path")))
    return ~Q(Exists(restricted))


def view_restrictions(page_ids) -> list[PageViewRestriction]:
    """The view restrictions on these pages (a page and its ancestors), checked on every page served: from one
    cache entry holding every restriction of the site (a handful), kept under the page cache's generation, which
    any change to a restriction bumps, as any publish does."""
    key = f"pages:view-restrictions:{cache_versions.current(GENERATION_KEY)}"
    every = cache.get(key)
    if every is None:
        every = list(PageViewRestriction.objects.order_by("pk"))
        cache.set(key, every, RESTRICTIONS_TIMEOUT)
    wanted = set(page_ids)
    return [restriction for restriction in every if restriction.page_id in wanted]


def restrictions_changed(**kwargs) -> None:
    """A page made private (or public again) must not be served from any cache: the anonymous page cache and
    the restrictions above are retired now, and again when the change commits, so nothing read before the
    commit is kept under the new generation."""
    cache_versions.bump_until_committed(GENERATION_KEY)


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(restrictions_changed, sender=PageViewRestriction, dispatch_uid=f"pages-restriction-{id(signal)}")
    m2m_changed.connect(
        restrictions_changed, sender=PageViewRestriction.groups.through, dispatch_uid="pages-restriction-groups"
    )
