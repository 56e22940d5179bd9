"""Course and lesson pages shown in the visitor's language, with progress read from the canonical pages.

A translated course page shows its own text and the Japanese (or other) lessons in its outline,
while done / locked / progress, the forms and the quiz grading use the canonical lessons.
"""

from wagtail.models import Page

from lms.translations import is_canonical, localize_pages

from . import caching

__all__ = ["localize_course_context", "localize_lesson_context", "localize_outline", "same_quiz"]

OUTLINE_FLAGS = ("is_done", "is_locked", "is_current")


def localize_outline(lessons, locale_id: int | None, extra=()) -> dict[int, Page]:
    """Lesson titles and links in the visitor's language; done / locked / current stay those of the canonical lessons.

    Returns the mapping so callers can swap other pages (``extra``: the course, prerequisites) read in the same query.
    """
    pages = [*lessons, *extra]
    mapping = caching.get_or_build(
        "localized", locale_id, *(page.pk for page in pages), build=lambda: localize_pages(pages, locale_id)
    )
    for lesson in lessons:
        shown = mapping.get(lesson.pk)
        if shown is None:
            continue
        for name in ("is_preview", "is_required", "estimated_minutes", *OUTLINE_FLAGS):
            if hasattr(lesson, name):
                setattr(shown, name, getattr(lesson, name))
        shown.record_pk = lesson.pk
    return mapping


def _swap(value, mapping):
    if isinstance(value, list):
        return [mapping.get(item.pk, item) for item in value]
    return mapping.get(value.pk, value) if value is not None else None


def localize_course_context(context: dict, page) -> None:
    """A translated course page: outline, next lesson and prerequisites in the page's language."""
    if page.pk is None or is_canonical(page):
        return
    lessons = context.get("lessons", [])
    mapping = localize_outline(lessons, page.locale_id, extra=context.get("prerequisites", []))
    for key in ("lessons", "next_lesson", "prerequisites"):
        if key in context:
            context[key] = _swap(context[key], mapping)
    if not page.alias_of_id:
        # The translation's own instructors carry translated affiliations and biographies.
        context["instructors"] = list(page.instructors.all())


def localize_lesson_context(context: dict, page) -> None:
    """A translated lesson page: outline, pager, breadcrumb and quiz text in the page's language.

    The form posts to the canonical lesson, which grades the answers; the quiz text comes from
    the translation only when its structure (question ids, choice counts) is the same.
    """
    if page.pk is None or is_canonical(page):
        return
    lessons = context.get("lessons", [])
    course = context.get("course")
    mapping = localize_outline(lessons, page.locale_id, extra=[course] if course is not None else [])
    for key in ("lessons", "next_lesson", "previous_lesson", "following_lesson", "course"):
        if key in context:
            context[key] = _swap(context[key], mapping)
    record = context.get("record_lesson")
    if record is None or page.alias_of_id or not (context.get("quiz") or context.get("attempt_review")):
        return
    translated = page.quiz_questions()
    if not same_quiz(record.quiz_questions(), translated):
        return
    # Matched by question id and choice index: an attempt may show them shuffled.
    by_id = {question["id"]: question for question in translated}
    rows = list(context.get("quiz") or [])
    review = context.get("attempt_review")
    if review:
        rows += review["questions"]
    for row in rows:
        question = by_id[row["id"]]
        row["prompt"] = question["prompt"]
        if row.get("explanation"):
            row["explanation"] = question["explanation"]
        for choice in row["choices"]:
            choice["text"] = question["choices"][choice["index"]]["text"]


def localize_learning(context: dict, locale_id: int | None) -> None:
    """/learning/: course, next-lesson and seminar links in the visitor's language, in one query.

    Records keep pointing at the canonical pages; ``shown_course`` and ``shown_seminar`` are what to link to.
    """
    enrollments = [*context.get("in_progress", []), *context.get("completed", [])]
    registrations = [*context.get("upcoming_registrations", []), *context.get("past_registrations", [])]
    pages = [e.course for e in enrollments] + [e.next_lesson for e in enrollments if getattr(e, "next_lesson", None)]
    pages += [r.session.seminar for r in registrations]
    mapping = localize_pages(pages, locale_id)
    for enrollment in enrollments:
        enrollment.shown_course = mapping.get(enrollment.course_id, enrollment.course)
        if getattr(enrollment, "next_lesson", None) is not None:
            enrollment.next_lesson = mapping.get(enrollment.next_lesson.pk, enrollment.next_lesson)
    for registration in registrations:
        seminar = registration.session.seminar
        registration.shown_seminar = mapping.get(seminar.pk, seminar)


def same_quiz(original: list[dict], translated: list[dict]) -> bool:
    """Same questions (ids, order, single or multiple choice) with as many choices each."""
    return len(original) == len(translated) and all(
        a["id"] == b["id"] and a["multiple"] == b["multiple"] and len(a["choices"]) == len(b["choices"])
        for a, b in zip(original, translated, strict=False)
    )
