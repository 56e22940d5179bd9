"""Links to course and seminar pages from figures, read without a query per row."""

import re
from types import SimpleNamespace
from urllib.parse import quote

from wagtail.models import Page

from lms import request_scope

# What Django's reverse() leaves unquoted in a path (RFC 3986 sub-delimiters and "/~:@").
_SAFE = "!$&'()*+,;=/~:@"
_SLUG = re.compile(r"[\w-]+")  # what Wagtail's serve pattern accepts as one path component


def page_url(url_path: str | None, site_paths=None) -> str | None:
    """A page's public URL from its url_path, read in the same query as the figures (no query per page).

    Pass the same ``site_paths()`` for every link of a table: Wagtail keeps the site root paths on it, and
    the URL Wagtail gives the first page under a parent is remembered there, so its siblings' URLs are that
    prefix and their own slug (a table of hundreds of courses builds one URL through Wagtail, not hundreds).
    """
    if not url_path:
        return None
    prefixes = getattr(site_paths, "_lms_prefixes", None)
    parent, _sep, slug = url_path.rstrip("/").rpartition("/")
    tail = quote(slug, safe=_SAFE) + "/"
    if prefixes is not None and parent in prefixes and _SLUG.fullmatch(slug):
        return prefixes[parent] + tail
    url = Page(url_path=url_path).get_url(request=site_paths)
    if prefixes is not None and url and url.endswith(tail) and _SLUG.fullmatch(slug):
        prefixes[parent] = url[: -len(tail)]
    return url


def site_paths() -> SimpleNamespace:
    """Something for Wagtail to keep site root paths on (the request's, lms.request_scope), with the link
    prefixes ``page_url`` has worked out."""
    holder = request_scope.site_paths()
    vars(holder).setdefault("_lms_prefixes", {})
    return holder
