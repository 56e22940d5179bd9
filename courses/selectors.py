"""Reads for courses and seminars, with relations fetched up front.

Page contexts call these so that a page's query count does not grow with the
number of lessons, courses, sessions or registrations. Other apps (progress, home)
read courses only through the functions here.
"""

from collections import defaultdict
from datetime import timedelta
from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.translations import canonical, canonical_map, canonical_q, is_canonical
from organizations.models import CapacityArea
from organizations.vocabulary import localize_name

from . import caching
from .models import (
    Certificate,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    SeminarPage,
    SeminarRegistration,
    SeminarSession,
    SessionFeedback,
)
from .quiz import answers_revealed, attempt_order, next_attempt_at
from .services import enrollment_refusal

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


def _enrollment(user, course) -> Enrollment | None:
    if not user.is_authenticated or course.pk is None:
        return None
    return Enrollment.objects.filter(user=user, course=course).select_related("certificate").first()


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


def lesson_context(*, lesson: LessonPage, user, attempt_id=None) -> dict:
    """Everything the lesson template needs, in a fixed number of queries."""
    if not is_canonical(lesson):  # a translation: its original and course come from the page cache
        lesson = caching.get_or_build("canonical-lesson", lesson.pk, build=lambda: canonical(lesson))
    course = getattr(lesson, "_cached_parent_obj", None)  # set by routing
    if not isinstance(course, CoursePage):
        path = lesson.path[: -lesson.steplen]
        course = caching.get_or_build("course-at", path, build=lambda: CoursePage.objects.get(path=path))
    lessons = _outline(course)
    enrollment = _enrollment(user, course)
    active = bool(enrollment and enrollment.is_active)
    completed = set(enrollment.completions.values_list("lesson_id", flat=True)) if active else set()
    next_lesson = _decorate(lessons, course=course, completed=completed, current_id=lesson.pk)
    position = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), 0)
    current = lessons[position] if lessons else lesson
    can_read = lesson.is_preview or active
    lock_reason = ""
    if active and getattr(current, "is_locked", False):
        previous_open = next((item for item in lessons if not item.is_done), None)
        lock_reason = _("Complete “%(title)s” first.") % {"title": previous_open.title} if previous_open else ""
        can_read = lesson.is_preview
    attempts = []
    if active and lesson.has_quiz:
        attempts = list(QuizAttempt.objects.filter(enrollment=enrollment, lesson=lesson).order_by("number"))
    shown_attempt = None
    if attempt_id:
        shown_attempt = next((a for a in attempts if str(a.pk) == str(attempt_id)), None)
        if shown_attempt is None:
            raise Http404  # someone else's attempt, or none at all: never shown
    passed = any(a.passed for a in attempts)
    attempts_left = None
    if lesson.quiz_max_attempts:
        attempts_left = max(lesson.quiz_max_attempts - len(attempts), 0)
    retry_at = next_attempt_at(lesson=lesson, attempts=attempts)
    if retry_at is not None and retry_at <= timezone.now():
        retry_at = None
    show_quiz = active and can_read and lesson.has_quiz
    quiz = []
    if show_quiz:
        quiz = attempt_order(
            lesson=lesson, enrollment_id=enrollment.pk, number=len(attempts) + 1, questions=lesson.public_quiz()
        )
    reveal = answers_revealed(lesson=lesson, attempts=attempts)
    return {
        "course": course,
        "record_lesson": lesson,
        "lessons": lessons,
        "enrollment": enrollment,
        "is_enrolled": active,
        "is_done": lesson.pk in completed,
        "can_read": can_read,
        "lock_reason": lock_reason,
        "previous_lesson": lessons[position - 1] if position > 0 else None,
        "following_lesson": lessons[position + 1] if position + 1 < len(lessons) else None,
        "next_lesson": next_lesson,
        "progress": _progress(lessons, completed),
        "quiz": quiz,
        "quiz_attempts": attempts,
        "quiz_passed": passed,
        "attempts_left": attempts_left,
        "quiz_retry_at": retry_at,
        "can_attempt": (
            active
            and can_read
            and not lock_reason
            and not passed
            and retry_at is None
            and (attempts_left is None or attempts_left > 0)
        ),
        "attempt_review": attempt_review(lesson, shown_attempt, reveal=reveal) if shown_attempt else None,
        "enroll_refusal": "" if active else enrollment_refusal(user=user, course=course),
    }


def attempt_review(lesson: LessonPage, attempt: QuizAttempt, *, reveal: bool) -> dict:
    """After submission: which answers were right or wrong, in the order the attempt showed them.

    The right answers (and the explanations, which give them away) are only included once the
    editor's reveal rule allows: a failed attempt otherwise shows only what the learner chose.
    """
    questions = attempt_order(
        lesson=lesson, enrollment_id=attempt.enrollment_id, number=attempt.number, questions=lesson.quiz_questions()
    )
    rows = []
    for question in questions:
        chosen = set(attempt.answers.get(question["id"], []))
        right = {c["index"] for c in question["choices"] if c["correct"]}
        rows.append(
            {
                "id": question["id"],
                "prompt": question["prompt"],
                "explanation": question["explanation"] if reveal else "",
                "is_correct": chosen == right,
                "choices": [
                    {
                        "index": c["index"],
                        "text": c["text"],
                        "chosen": c["index"] in chosen,
                        "correct": reveal and c["correct"],
                    }
                    for c in question["choices"]
                ],
            }
        )
    return {"attempt": attempt, "questions": rows, "answers_revealed": reveal}


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


def learner_dashboard(user) -> dict:
    """/learning/: the learner's courses with progress and next lesson, and certificates."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("course", "certificate")
        .prefetch_related(
            Prefetch("completions", queryset=LessonCompletion.objects.only("id", "lesson_id", "enrollment_id"))
        )
        .order_by("-last_activity_at", "-enrolled_at")
    )
    lessons = lesson_outlines([e.course for e in enrollments])
    in_progress, completed = [], []
    for enrollment in enrollments:
        done = {c.lesson_id for c in enrollment.completions.all()}
        course_lessons = lessons.get(enrollment.course_id, [])
        enrollment.next_lesson = _decorate(course_lessons, course=enrollment.course, completed=done)
        enrollment.progress = _progress(course_lessons, done)
        enrollment.lesson_total = len(course_lessons)
        enrollment.lesson_done = len([lesson for lesson in course_lessons if lesson.pk in done])
        (completed if enrollment.completed_at else in_progress).append(enrollment)
    certificates = [e.certificate for e in completed if hasattr(e, "certificate")]
    return {"in_progress": in_progress, "completed": completed, "certificates": certificates}


def course_completed(*, user, course: CoursePage) -> bool:
    return Enrollment.objects.filter(user=user, course=course, completed_at__isnull=False).exists()


def completed_enrollment(*, user, course_id: int) -> Enrollment | None:
    """The viewer's own completed enrollment in a course, with its certificate (None otherwise)."""
    return (
        Enrollment.objects.filter(user=user, course_id=course_id, completed_at__isnull=False)
        .select_related("course", "certificate")
        .first()
    )


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrollment__course", "enrollment__user", "revoked_by")
        .filter(code=code)
        .first()
    )


def pending_enrollments() -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(status=Enrollment.Status.PENDING).select_related("user", "course", "organization")


# --- for the progress app -----------------------------------------------------------------------


def _period(qs, field: str, start=None, end=None):
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lt": end})
    return qs


def enrollments_for_organization(organization, *, start=None, end=None) -> QuerySet[Enrollment]:
    """Enrollments counted for ``organization`` (by the learner's organization at enrollment)."""
    qs = Enrollment.objects.filter(organization=organization).exclude(status=Enrollment.Status.WITHDRAWN)
    return _period(qs, "enrolled_at", start, end).select_related("user", "course").order_by("-enrolled_at")


def enrollments_for_user(user) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(user=user)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("course", "certificate")
        .order_by("-enrolled_at")
    )


def course_totals_for_organization(organization, *, start=None, end=None) -> dict:
    """Counts in one query: enrolled, completed (in the period) and valid certificates."""
    qs = Enrollment.objects.filter(organization=organization).exclude(status=Enrollment.Status.WITHDRAWN)
    enrolled = _in_period("enrolled_at", start, end)
    completed = Q(completed_at__isnull=False) & _in_period("completed_at", start, end)
    valid_certificate = Q(certificate__isnull=False, certificate__revoked_at__isnull=True)
    return qs.aggregate(
        enrollments=Count("id", filter=enrolled),
        learners=Count("user", filter=enrolled, distinct=True),
        completions=Count("id", filter=completed),
        certificates=Count("id", filter=completed & valid_certificate),
    )


def _in_period(field: str, start=None, end=None) -> Q:
    condition = Q(pk__isnull=False)  # always true, so an open period still gives a valid FILTER clause
    if start:
        condition &= Q(**{f"{field}__gte": start})
    if end:
        condition &= Q(**{f"{field}__lt": end})
    return condition


def completions_by_capacity_area(*, organization=None, start=None, end=None) -> list[dict]:
    """[{"slug", "name", "completions"}] aggregated in the database, for dashboards."""
    qs = Enrollment.objects.filter(completed_at__isnull=False)
    if organization is not None:
        qs = qs.filter(organization=organization)
    qs = _period(qs, "completed_at", start, end)
    rows = (
        qs.filter(course__capacity_areas__isnull=False)
        .values("course__capacity_areas__slug", "course__capacity_areas__name")
        .annotate(completions=Count("id"))
        .order_by("-completions", "course__capacity_areas__name")
    )
    return [
        {
            "slug": r["course__capacity_areas__slug"],
            "name": localize_name(CapacityArea, r["course__capacity_areas__name"]),
            "completions": r["completions"],
        }
        for r in rows
    ]


def completions_by_course(*, organization=None, start=None, end=None, where: Q | None = None) -> list[dict]:
    """[{"course_id", "title", "enrollments", "completions"}] in one query; ``where`` narrows the enrollments
    (the programme dashboard's region, field and capacity-area filters)."""
    qs = Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN)
    if organization is not None:
        qs = qs.filter(organization=organization)
    if where is not None:
        qs = qs.filter(where)
    qs = _period(qs, "enrolled_at", start, end)
    rows = (
        qs.values("course_id", "course__title")
        .annotate(enrollments=Count("id"), completions=Count("id", filter=Q(completed_at__isnull=False)))
        .order_by("course__title")
    )
    return [
        {
            "course_id": r["course_id"],
            "title": r["course__title"],
            "enrollments": r["enrollments"],
            "completions": r["completions"],
        }
        for r in rows
    ]


def completions_by_month(*, organization=None, start=None, end=None) -> list[dict]:
    """[{"month": date, "completions": n}] for trend charts."""
    from django.db.models.functions import TruncMonth

    qs = Enrollment.objects.filter(completed_at__isnull=False)
    if organization is not None:
        qs = qs.filter(organization=organization)
    qs = _period(qs, "completed_at", start, end)
    return list(
        qs.annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(completions=Count("id"))
        .order_by("month")
    )


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

    from .models import CourseIndexPage, SeminarIndexPage

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


# --- seminars -----------------------------------------------------------------------------------

LIVE = ("confirmed", "waitlisted")


def sessions_with_counts(*, organizations: QuerySet | None = None) -> QuerySet[SeminarSession]:
    """Seats taken, waitlist and attendance per session; with ``organizations``, only their people count."""
    among = Q() if organizations is None else Q(registrations__organization__in=organizations)
    return SeminarSession.objects.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed") & among),
        waitlist_count=Count("registrations", filter=Q(registrations__status="waitlisted") & among),
        attended_count=Count("registrations", filter=Q(registrations__attended=True) & among),
    ).order_by("starts_at")


def upcoming_sessions(limit: int = 4) -> list[SeminarSession]:
    return list(
        SeminarSession.objects.filter(canonical_q("seminar"), starts_at__gte=timezone.now(), is_cancelled=False)
        .filter(seminar__live=True)
        .select_related("seminar")
        .order_by("starts_at")[:limit]
    )


def seminar_listing(*, index, filters: dict) -> dict:
    """Upcoming and past seminars with their sessions and seat counts, in a fixed number of queries."""
    seminars = (
        SeminarPage.objects.child_of(index)
        .live()
        .public()
        .select_related("region", "cover_image")
        .prefetch_related("capacity_areas", "cover_image__renditions")
    )
    if filters.get("capacity_area"):
        seminars = seminars.filter(capacity_areas=filters["capacity_area"])
    if filters.get("region"):
        seminars = seminars.filter(region=filters["region"])
    # Sessions (and their seats) always come from the canonical page, also when listing translations.
    real_sessions = SeminarSession.objects.filter(canonical_q("seminar"))
    if filters.get("format"):
        matching = real_sessions.filter(format=filters["format"])
        seminars = seminars.filter(translation_key__in=matching.values("seminar__translation_key"))
    if filters.get("month"):
        month = filters["month"]
        matching = real_sessions.filter(starts_at__year=month.year, starts_at__month=month.month)
        seminars = seminars.filter(translation_key__in=matching.values("seminar__translation_key"))
    now = timezone.now()
    seminars = list(seminars.distinct())
    originals = canonical_map(seminars)
    by_seminar = defaultdict(list)
    for session in sessions_with_counts().filter(seminar_id__in={s.pk for s in originals.values()}):
        by_seminar[session.seminar_id].append(session)
    upcoming, past = [], []
    for seminar in seminars:
        sessions = by_seminar[originals[seminar.pk].pk]
        seminar.session_list = sessions
        seminar.first_start = sessions[0].starts_at if sessions else None
        for session in sessions:
            session.seats_left = max(session.capacity - session.confirmed_count, 0)
        if any(session.ends_at >= now for session in sessions):
            upcoming.append(seminar)
        else:
            past.append(seminar)
    upcoming.sort(key=lambda s: s.first_start or now)
    past.sort(key=lambda s: s.first_start or now, reverse=True)
    return {"upcoming": upcoming, "past": past}


def seminar_page_context(*, seminar, user, preview: bool = False) -> dict:
    """Sessions with counts, the viewer's registrations and what they may see, in a fixed number of queries."""
    from organizations.models import Membership

    if preview or seminar.pk is None:
        # Editors preview the sessions they are editing, which may not be saved yet.
        record = canonical(seminar) if seminar.pk else seminar
        sessions = list(record.sessions.all())
        for session in sessions:
            session.confirmed_count = session.waitlist_count = session.attended_count = 0
        user = AnonymousUser()
    else:
        # A translated seminar shows the canonical page's sessions: seats are counted there once.
        record = canonical(seminar)
        sessions = list(sessions_with_counts().filter(seminar_id=record.pk))
    mine = {}
    memberships = []
    managed_people = []
    can_manage = False
    if user.is_authenticated:
        for registration in SeminarRegistration.objects.filter(
            session__in=[session.pk for session in sessions], user=user, status__in=LIVE
        ).select_related("feedback"):
            mine[registration.session_id] = registration
        memberships = list(Membership.objects.filter(user=user).select_related("organization"))
        managed = [m.organization_id for m in memberships if m.is_manager]
        if managed:
            managed_people = list(
                Membership.objects.filter(organization_id__in=managed)
                .exclude(user=user)
                .select_related("user", "organization")
                .order_by("organization__name", "user__first_name")
            )
        can_manage = user.is_programme_staff or user.organized_seminars.filter(pk__in={seminar.pk, record.pk}).exists()
    now = timezone.now()
    for session in sessions:
        session.seminar = seminar
        session.seats_left = max(session.capacity - session.confirmed_count, 0)
        session.my_registration = mine.get(session.pk)
        session.is_open = session.registration_open(now)
    waiting = [r for r in mine.values() if r.is_waitlisted]
    if waiting:
        queue = defaultdict(list)
        for session_id, pk in (
            SeminarRegistration.objects.filter(session_id__in=[r.session_id for r in waiting], status="waitlisted")
            .order_by("requested_at", "id")
            .values_list("session_id", "id")
        ):
            queue[session_id].append(pk)
        for registration in waiting:
            registration.position = queue[registration.session_id].index(registration.pk) + 1
    is_participant = any(r.is_confirmed for r in mine.values()) or can_manage
    material_list = seminar.materials.all() if preview else seminar.materials.select_related("document")
    materials = [m for m in material_list if is_participant or not m.for_participants]
    return {
        "sessions": sessions,
        "is_participant": is_participant,
        "materials": materials,
        "speakers": list(seminar.speakers.all()),
        "capacity_areas": list(seminar.capacity_areas.all()),
        "memberships": memberships,
        "managed_people": managed_people,
        "can_manage": can_manage,
        "now": now,
    }


def session_for_organizer(*, user, session_id: int) -> SeminarSession:
    """The session if ``user`` organizes its seminar or is programme staff; 404 otherwise."""
    from django.http import Http404

    session = (
        sessions_with_counts()
        .select_related("seminar")
        .filter(canonical_q("seminar"), pk=session_id, seminar__live=True)
        .first()
    )
    if session is None or not user.is_authenticated:
        raise Http404
    if not (user.is_programme_staff or session.seminar.organizers.filter(pk=user.pk).exists()):
        raise Http404
    return session


def session_roster(session) -> list[SeminarRegistration]:
    return list(
        SeminarRegistration.objects.filter(session=session)
        .select_related("user", "organization", "registered_by", "feedback")
        .order_by("status", "seat", "requested_at", "id")
    )


def session_roster_table(session) -> tuple[list[str], list[list]]:
    """The roster as columns and rows for the export writer, one row per registration."""
    columns = [_("Name"), _("Email"), _("Organization"), _("Status"), _("Seat"), _("Requested"), _("Attended")]
    attended = {True: _("Yes"), False: _("No"), None: ""}
    rows = [
        [
            registration.user.get_full_name(),
            registration.user.email,
            registration.organization.name if registration.organization else "",
            registration.get_status_display(),
            registration.seat or "",
            registration.requested_at,
            attended[registration.attended],
        ]
        for registration in session_roster(session)
    ]
    return columns, rows


def feedback_summary(session) -> dict:
    from django.db.models import Avg

    qs = SessionFeedback.objects.filter(registration__session=session)
    summary = qs.aggregate(average=Avg("rating"), count=Count("id"))
    summary["comments"] = list(qs.exclude(comments="").values_list("rating", "comments").order_by("-submitted_at"))
    return summary


def seminar_dashboard(user) -> dict:
    """The learner's registrations for /learning/: upcoming and past, with feedback state."""
    registrations = list(
        SeminarRegistration.objects.filter(user=user)
        .exclude(status="cancelled")
        .select_related("session__seminar", "feedback")
        .order_by("session__starts_at")
    )
    now = timezone.now()
    for registration in registrations:
        registration.can_give_feedback = (
            registration.is_confirmed
            and registration.session.ends_at <= now
            and registration.attended is not False
            and not hasattr(registration, "feedback")
        )
    return {
        "upcoming_registrations": [r for r in registrations if r.session.ends_at > now],
        "past_registrations": [r for r in registrations if r.session.ends_at <= now][::-1],
    }


def seminar_registration_for_user(*, user, registration_id: int) -> SeminarRegistration:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        SeminarRegistration.objects.select_related("session__seminar", "user"), pk=registration_id, user=user
    )


def seminar_feed_events(user) -> list:
    """The user's confirmed sessions for their private calendar feed."""
    from .services import _session_event

    since = timezone.now() - timedelta(days=180)
    registrations = SeminarRegistration.objects.filter(
        user=user, status="confirmed", session__ends_at__gte=since, session__is_cancelled=False
    ).select_related("session__seminar", "user")
    return [_session_event(r.session, registration=r) for r in registrations]


def session_calendar_event(session):
    """A session as anyone may add it to their calendar: place and page, not the private meeting link."""
    from lms.calendar import CalendarEvent
    from lms.email import absolute_url

    from .services import session_uid

    seminar = session.seminar
    url = absolute_url(seminar.url or "/")
    return CalendarEvent(
        uid=session_uid(session),
        start=session.starts_at,
        end=session.ends_at,
        summary=session.display_title if not session.title else f"{seminar.title}: {session.title}",
        description=f"{seminar.summary}\n\n{url}",
        location=", ".join(part for part in (session.venue, session.address) if part),
        url=url,
        sequence=session.ics_sequence,
    )


def session_event_for(user, pk: int):
    """A live, not cancelled session's event; a confirmed registrant's carries their meeting link."""
    from .services import _session_event

    session = (
        SeminarSession.objects.filter(pk=pk, is_cancelled=False, seminar__live=True).select_related("seminar").first()
    )
    if session is None:
        return None
    if user.is_authenticated:
        registration = (
            SeminarRegistration.objects.filter(session=session, user=user, status="confirmed")
            .select_related("user")
            .first()
        )
        if registration is not None:
            return _session_event(session, registration=registration)
    return session_calendar_event(session)


# --- seminars, for the progress app -------------------------------------------------------------


def seminar_registrations_for_organization(organization, *, start=None, end=None) -> QuerySet[SeminarRegistration]:
    qs = SeminarRegistration.objects.filter(organization=organization).exclude(status="cancelled")
    return _period(qs, "session__starts_at", start, end).select_related("user", "session__seminar")


def seminar_registrations_for_user(user) -> QuerySet[SeminarRegistration]:
    return (
        SeminarRegistration.objects.filter(user=user)
        .exclude(status="cancelled")
        .select_related("session__seminar")
        .order_by("-session__starts_at")
    )


def seminar_totals_for_organization(organization, *, start=None, end=None) -> dict:
    """Registrations, confirmed seats, attendance and distinct attendees, in one query."""
    qs = _period(SeminarRegistration.objects.filter(organization=organization), "session__starts_at", start, end)
    row = qs.aggregate(
        n_registrations=Count("id", filter=~Q(status="cancelled")),
        n_confirmed=Count("id", filter=Q(status="confirmed")),
        n_waitlisted=Count("id", filter=Q(status="waitlisted")),
        n_attended=Count("id", filter=Q(attended=True)),
        n_attendees=Count("user", filter=Q(attended=True), distinct=True),
    )
    return {key.removeprefix("n_"): value for key, value in row.items()}


def seminar_attendance_by_capacity_area(*, organization=None, start=None, end=None) -> list[dict]:
    """[{"slug", "name", "attended"}] aggregated in the database."""
    qs = SeminarRegistration.objects.filter(attended=True)
    if organization is not None:
        qs = qs.filter(organization=organization)
    qs = _period(qs, "session__starts_at", start, end)
    rows = (
        qs.filter(session__seminar__capacity_areas__isnull=False)
        .values("session__seminar__capacity_areas__slug", "session__seminar__capacity_areas__name")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return [
        {
            "slug": r["session__seminar__capacity_areas__slug"],
            "name": localize_name(CapacityArea, r["session__seminar__capacity_areas__name"]),
            "attended": r["n"],
        }
        for r in rows
    ]


def lesson_preview_context(*, lesson: LessonPage) -> dict:
    """What an editor sees in preview: the body and the quiz as learners will see it, no records."""
    course = CoursePage.objects.filter(path=lesson.path[: -lesson.steplen]).first() if lesson.path else None
    return {
        "course": course,
        "lessons": [],
        "can_read": True,
        "quiz": lesson.public_quiz(),
        "is_enrolled": False,
        "preview_quiz": True,
    }
