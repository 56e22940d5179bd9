"""How site search shows courses, lessons and seminars (their text comes from their search_fields)."""

from django.utils.translation import gettext_lazy as _

from lms.search_index import register_page_kind
from lms.translations import canonical
from organizations.search import names_in_every_language


def _areas(page) -> list:
    return list(canonical(page).capacity_areas.all())


def area_ids(page) -> list[int]:
    return [area.pk for area in _areas(page)]


def area_keywords(page) -> str:
    return names_in_every_language(_areas(page))


def next_session_start(page):
    """The first session still to come, else the last one: the date a reader looks for."""
    from django.utils import timezone

    sessions = canonical(page).sessions.filter(is_cancelled=False).order_by("starts_at")
    upcoming = sessions.filter(starts_at__gte=timezone.now()).first()
    return upcoming.starts_at if upcoming else getattr(sessions.last(), "starts_at", None)


def connect() -> None:
    from .models import CoursePage, LessonPage, SeminarPage

    register_page_kind(CoursePage, "course", _("Course"), areas=area_ids, keywords=area_keywords)
    register_page_kind(LessonPage, "lesson", _("Lesson"))
    register_page_kind(
        SeminarPage, "seminar", _("Seminar"), date=next_session_start, areas=area_ids, keywords=area_keywords
    )
