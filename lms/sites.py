"""Which Wagtail site answers a request, from the cache rather than a query on every request.

Wagtail finds the site with a query per request (hostname, port and the default site, ordered by a
computed match), which costs more than most of a page's own queries. Sites change only when an
administrator edits one, so what was found for each host and port (with its root page, specific) is kept
in one cache entry, deleted whenever a site is saved or deleted or a page is published, unpublished or moved.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site

KEY = "wagtail-sites"
TIMEOUT = 60 * 60


def forget(**kwargs) -> None:
    cache.delete(KEY)


def site_for(request) -> Site | None:
    """Wagtail's ``Site.find_for_request``, remembered per host and port."""
    where = (split_domain_port(request._get_raw_host())[0], request.get_port())
    found = cache.get(KEY) or {}
    if where in found:
        return found[where]
    site = Site._find_for_request(request)
    if site is not None:
        # Kept specific, so routing every request does not read the home page's own row again.
        site.root_page = site.root_page.specific
    cache.set(KEY, {**found, where: site}, TIMEOUT)
    return site


class SiteMiddleware:
    """Gives Wagtail the request's site, so ``Site.find_for_request`` needs no query.

    Machine endpoints never render a page or a page link, so they skip the lookup.
    """

    SKIP_PREFIXES = ("/health/", "/bench/", "/static/", "/media/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.SKIP_PREFIXES):
            request._wagtail_site = site_for(request)
        return self.get_response(request)


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(forget, sender=Site, dispatch_uid="lms-sites-save")
    post_delete.connect(forget, sender=Site, dispatch_uid="lms-sites-delete")
    # The root page is kept with the sites: a published, unpublished or moved page drops them.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"lms-sites-pages-{id(signal)}")
