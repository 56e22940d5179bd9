"""Which Wagtail site answers a request, from the cache rather than a query on every request.

Wagtail finds the site with a query per request (hostname, port and the default site, ordered by a
computed match), which costs more than most of a page's own queries. Sites change only when an
administrator edits one, so what was found for each host and port is kept in one cache entry, deleted
whenever a site is saved or deleted.
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
    post_save.connect(forget, sender=Site, dispatch_uid="lms-sites-save")
    post_delete.connect(forget, sender=Site, dispatch_uid="lms-sites-delete")
