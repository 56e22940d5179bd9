"""Links to course and seminar pages from figures, read without a query per row."""

from types import SimpleNamespace

from wagtail.models import Page


def page_url(url_path: str | None, site_paths=None) -> str | None:
    """A page's public URL from its url_path, read in the same query as the figures (no query per page).
    Pass the same ``site_paths()`` for every link of a table: Wagtail keeps the site root paths on it
    instead of reading them from the cache once per link."""
    return Page(url_path=url_path).get_url(request=site_paths) if url_path else None


def site_paths() -> SimpleNamespace:
    """Something for Wagtail to keep site root paths on; with no site of its own, like ``Page.url``."""
    return SimpleNamespace(_wagtail_site=None)
