"""Links to course and seminar pages from figures, read without a query per row."""

from types import SimpleNamespace

from wagtail.models import Page

from ..models import CoursePage


def course_url_paths(course_ids) -> dict[int, str]:
    """url_path per course id in exactly one query: the id 0 never matches but keeps the query from being skipped
    when there are no ids, so the page's query count does not depend on the data."""
    return dict(CoursePage.objects.filter(pk__in=[0, *course_ids]).values_list("pk", "url_path"))


def page_url(url_path: str | None, site_paths=None) -> str | None:
    """A page's public URL from its url_path, read in the same query as the figures (no query per page).
    Pass the same ``site_paths()`` for every link of a table: Wagtail keeps the site root paths on it
    instead of reading them from the cache once per link."""
    return Page(url_path=url_path).get_url(request=site_paths) if url_path else None


def site_paths() -> SimpleNamespace:
    """Something for Wagtail to keep site root paths on; with no site of its own, like ``Page.url``."""
    return SimpleNamespace(_wagtail_site=None)
