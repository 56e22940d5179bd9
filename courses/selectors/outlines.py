"""Course outlines: each course's live lessons in order, counted, and marked for one learner.

Shared by the catalogue, the lesson pages and /learning/, so a lesson is "done", "locked" or
"next" by one rule everywhere; outlines come from the page cache.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q

from lms import batch

from .. import caching
from ..models import CoursePage, Enrollment, LessonCompletion, LessonPage

LESSON_OUTLINE_FIELDS = (
    "id",
    "title",
    "slug",
    "path",
    "depth",
    "url_path",
    "live",
    "locale_id",
    "content_type_id",
    "is_preview",
    "is_required",
    "estimated_minutes",
)


def _outline(course: CoursePage) -> list[LessonPage]:
    if not course.path or course.pk is None:
        return []
    return lesson_outlines([course])[course.pk]


def lesson_outlines(courses: list[CoursePage]) -> dict[int, list[LessonPage]]:
    """Each course's live lessons in order (outline fields only), from the cache; one query for the rest."""

    def build(missing: list[int]) -> dict[int, list[LessonPage]]:
        grouped = _lessons_by_course([course for course in courses if course.pk in missing])
        return {pk: grouped.get(pk, []) for pk in missing}

    return caching.get_or_build_many("outline", list(dict.fromkeys(c.pk for c in courses)), build)


def lesson_counts(courses: list[CoursePage]) -> dict[int, int]:
    """Live lesson counts per course, from the cache, with one query for the rest (lessons are child pages)."""
    if not courses:
        return {}

    def build(missing: list[int]) -> dict[int, int]:
        wanted = [c for c in courses if c.pk in missing]
        by_path = {c.path: c.pk for c in wanted}
        steplen = CoursePage.steplen
        query = reduce(or_, [Q(path__startswith=c.path, depth=c.depth + 1) for c in wanted])
        counts = dict.fromkeys(missing, 0)
        for path in LessonPage.objects.live().filter(query).values_list("path", flat=True):
            counts[by_path[path[:-steplen]]] += 1
        return counts

    return caching.get_or_build_many("lesson-count", list(dict.fromkeys(c.pk for c in courses)), build)


def _lessons_by_course(courses: list[CoursePage]) -> dict[int, list[LessonPage]]:
    if not courses:
        return {}
    by_path = {c.path: c.pk for c in courses}
    query = reduce(or_, [Q(path__startswith=c.path, depth=c.depth + 1) for c in courses])
    grouped: dict[int, list[LessonPage]] = defaultdict(list)
    for lesson in LessonPage.objects.live().filter(query).only(*LESSON_OUTLINE_FIELDS).order_by("path"):
        grouped[by_path[lesson.path[: -lesson.steplen]]].append(lesson)
    return grouped


def _enrollment(user, course) -> Enrollment | None:
    if not user.is_authenticated or course.pk is None:
        return None
    return Enrollment.objects.filter(user=user, course=course).select_related("certificate").first()


def enrollment_with_completions(user, course) -> tuple[Enrollment | None, set[int]]:
    """The learner's enrollment in the course and the lessons it has completed, in one round trip (lms.batch):
    a lesson page needs both on every request."""
    if not user.is_authenticated or course.pk is None:
        return None, set()
    enrollment = Enrollment.objects.filter(user=user, course=course).select_related("certificate")[:1]
    completed = LessonCompletion.objects.filter(enrollment__user=user, enrollment__course=course).values_list(
        "lesson_id", flat=True
    )
    batch.fetch(enrollment, completed)
    return next(iter(enrollment), None), set(completed)


def _decorate(lessons: list[LessonPage], *, course: CoursePage, completed: set[int], current_id: int | None = None):
    """Mark each lesson done / locked / current; returns the next lesson to study."""
    blocked = False
    next_lesson = None
    for lesson in lessons:
        lesson.is_done = lesson.pk in completed
        lesson.is_locked = bool(course.sequential and blocked and not lesson.is_preview)
        lesson.is_current = lesson.pk == current_id
        if not lesson.is_done:
            if next_lesson is None:
                next_lesson = lesson
            blocked = True
    return next_lesson


def _progress(lessons: list[LessonPage], completed: set[int]) -> int:
    required = [lesson.pk for lesson in lessons if lesson.is_required]
    if not required:
        return 0
    return round(100 * len([pk for pk in required if pk in completed]) / len(required))
