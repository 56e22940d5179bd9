"""The course catalogue: routing to course and lesson pages, the listing, a course's page, the home page's highlights.

Page contexts call these so that a page's query count does not grow with the number of lessons,
courses or sessions.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.translations import canonical, canonical_map, canonical_q

from .. import caching
from ..models import CourseIndexPage, CoursePage, Enrollment, LessonPage, SeminarIndexPage
from ..services import enrollment_refusal
from .outlines import _decorate, _enrollment, _outline, _progress, lesson_counts
from .seminars import upcoming_sessions


def _restriction_page_ids(page) -> list[int]:
    """The pages whose view restrictions apply to ``page``, aliases resolved as Wagtail does."""
    return sorted({p.alias_of_id or p.pk for p in [page, *page.get_ancestors().only("alias_of")]})


def routed_page(*, index, slugs: tuple[str, ...]):
    """The live course (one slug) or lesson (two slugs) under the catalogue ``index``, from the cache, with
    its parents attached and its view-restriction pages worked out; None when Wagtail's own routing must
    answer (no such page, a draft, another page type)."""

    def build():
        course = CoursePage.objects.child_of(index).select_related("locale").filter(slug=slugs[0]).first()
        if course is None or (len(slugs) == 1 and not course.live):
            return None
        course._restriction_page_ids = _restriction_page_ids(course)
        if len(slugs) == 1:
            return course
        lesson = LessonPage.objects.child_of(course).live().select_related("locale").filter(slug=slugs[1]).first()
        if lesson is None:
            return None
        lesson._restriction_page_ids = _restriction_page_ids(lesson)
        lesson._cached_parent_obj = course
        return lesson

    page = caching.get_or_build("route", index.pk, *slugs, build=build)
    if page is not None:
        course = getattr(page, "_cached_parent_obj", page)
        course._cached_parent_obj = index
    return page


def course_overview(*, course: CoursePage, user) -> dict:
    course = canonical(course)
    lessons = _outline(course)
    enrollment = _enrollment(user, course)
    completed = set(enrollment.completions.values_list("lesson_id", flat=True)) if enrollment else set()
    next_lesson = _decorate(lessons, course=course, completed=completed)
    certificate = getattr(enrollment, "certificate", None) if enrollment and enrollment.completed_at else None
    return {
        "lessons": lessons,
        "enrollment": enrollment,
        "is_enrolled": bool(enrollment and enrollment.is_active),
        "progress": _progress(lessons, completed),
        "next_lesson": next_lesson if enrollment and enrollment.is_active else None,
        "certificate": certificate,
        "enroll_refusal": (
            _("Enrollment opens once the course is published.")
            if course.pk is None
            else ""
            if enrollment and enrollment.is_active
            else enrollment_refusal(user=user, course=course)
        ),
        "instructors": list(course.instructors.all()),
        "capacity_areas": list(course.capacity_areas.all()),
        "prerequisites": [c for c in course.prerequisites.all() if c.live],
        "total_minutes": sum(lesson.estimated_minutes for lesson in lessons),
        "record_course": course,
    }


def catalogue_courses(*, index, user, filters: dict) -> list[CoursePage]:
    """Published courses with capacity areas, lesson counts and the viewer's enrollment, in 4-5 queries."""
    courses = (
        CoursePage.objects.child_of(index)
        .live()
        .public()
        .select_related("cover_image")
        .prefetch_related("capacity_areas", "cover_image__renditions")
        .order_by("-first_published_at", "title")
    )
    if filters.get("capacity_area"):
        courses = courses.filter(capacity_areas=filters["capacity_area"])
    for field, lookup in (("level", "level"), ("language", "course_language"), ("format", "course_format")):
        if filters.get(field):
            courses = courses.filter(**{lookup: filters[field]})
    if filters.get("q"):
        term = filters["q"]
        courses = courses.filter(Q(title__icontains=term) | Q(summary__icontains=term))
    courses = list(courses.distinct())
    # Translated courses count the original's lessons and show the enrollment made on the original.
    originals = canonical_map(courses)
    counts = lesson_counts(list({c.pk: c for c in originals.values()}.values()))
    enrolled = {}
    if user.is_authenticated and courses:
        enrolled = {
            e.course_id: e for e in Enrollment.objects.filter(user=user, course__in={c.pk for c in originals.values()})
        }
    for course in courses:
        original = originals[course.pk]
        course.lesson_count = counts.get(original.pk, 0)
        course.viewer_enrollment = enrolled.get(original.pk)
    return courses


def localize_index(model, locale):
    """The listing page in ``locale``, else the default one (one query when the language has its own)."""
    pages = model.objects.live().filter(Q(locale=locale) | canonical_q()).order_by("path")
    return next((page for page in pages if page.locale_id == locale.pk), None) or next(iter(pages), None)


def home_highlights(request) -> list[dict]:
    """Newest courses and the next seminars for the home page, each once, linked and dated in the
    visitor's language."""
    from django.utils.formats import date_format
    from wagtail.models import Locale

    from lms.i18n import page_url
    from lms.translations import localize_pages

    locale = Locale.get_active()
    # Each course once (its canonical page), shown in the visitor's language where a version exists.
    courses = list(
        CoursePage.objects.live()
        .public()
        .filter(canonical_q())
        .only("id", "title", "url_path", "path", "depth", "locale_id", "translation_key", "alias_of_id", "level")
        .order_by("-first_published_at")[:4]
    )
    sessions = upcoming_sessions(limit=4)
    shown = localize_pages([*courses, *(s.seminar for s in sessions)], locale.pk)
    course_items = []
    for course in courses:
        page = shown.get(course.pk, course)
        course_items.append({"url": page_url(page, request), "title": page.title, "meta": course.get_level_display()})
    course_index = localize_index(CourseIndexPage, locale)
    seminar_index = localize_index(SeminarIndexPage, locale)
    seminar_items = []
    for s in sessions:
        seminar = shown.get(s.seminar_id, s.seminar)
        seminar_items.append(
            {
                "url": page_url(seminar, request),
                "title": seminar.title,
                "meta": f"{date_format(timezone.localtime(s.starts_at), 'DATETIME_FORMAT')} · {s.get_format_display()}",
            }
        )
    return [
        {
            "title": _("Upcoming seminars"),
            "items": seminar_items,
            "empty": _("No seminars are scheduled yet."),
            "more_url": page_url(seminar_index, request) if seminar_index else "",
            "more_label": _("All seminars"),
        },
        {
            "title": _("New courses"),
            "items": course_items,
            "empty": _("No courses are published yet."),
            "more_url": page_url(course_index, request) if course_index else "",
            "more_label": _("All courses"),
        },
    ]
