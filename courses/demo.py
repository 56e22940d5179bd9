"""Demo courses and seminars, built on the services so the records are what real use would make.

Idempotent: pages are found by slug, enrollments and completions by their natural keys,
and services are themselves safe to repeat.
"""

from datetime import timedelta
from decimal import Decimal

from lms.demo import DemoContext

from . import services
from .demo_courses import COURSES
from .factories import quiz_data
from .models import CourseIndexPage, CourseInstructor, CoursePage, Enrollment, LessonPage, QuizAttempt, QuizReveal

INSTRUCTORS = [
    ("Keiko Morita", "Former finance director, Japan Platform member NGO"),
    ("David Mensah", "M&E specialist, Accra and Tokyo"),
    ("Shun Aoki", "NGO Advisor, Kanto regional office"),
]


def _child(parent, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(page) -> None:
    page.save_revision().publish()


def _course_index(ctx: DemoContext) -> CourseIndexPage:
    index = _child(ctx.home_page, CourseIndexPage, "courses")
    if index is None:
        index = CourseIndexPage(
            title="Courses",
            slug="courses",
            intro="Self-paced courses on running an NGO, designed for slow connections. "
            "Free for staff of member NGOs. 無料の自習型コースです。",
        )
        ctx.home_page.add_child(instance=index)
        _publish(index)
    return index


def _lesson_body(text: str, tip: str, number: int) -> list:
    body = [
        ("paragraph", f"<p>{text}</p>"),
        ("callout", {"kind": "tip", "text": f"<p>{tip}</p>"}),
    ]
    if number % 2 == 0:
        body.append(
            (
                "worksheet",
                {
                    "title": "Worksheet",
                    "instructions": "<p>Discuss with a colleague and keep your notes for the next lesson.</p>",
                    "prompts": [tip, "What will you change in your organization this month?"],
                },
            )
        )
    return body


def _course(ctx: DemoContext, index: CourseIndexPage, spec, position: int) -> CoursePage:
    slug, title, summary, areas, level, fmt, language, hours, sequential, lessons, quiz = spec
    course = _child(index, CoursePage, slug)
    if course is None:
        course = CoursePage(
            title=title,
            slug=slug,
            summary=summary,
            level=level,
            course_format=fmt,
            course_language=language,
            estimated_hours=Decimal(hours),
            sequential=sequential,
            learning_outcomes="<ul>" + "".join(f"<li>{lesson[0]}</li>" for lesson in lessons) + "</ul>",
        )
        index.add_child(instance=course)
        course.capacity_areas.set([ctx.capacity_areas[a] for a in areas])
        name, affiliation = INSTRUCTORS[position % len(INSTRUCTORS)]
        course.instructors = [CourseInstructor(name=name, affiliation=affiliation)]
        _publish(course)
    for number, (lesson_title, minutes, text, tip) in enumerate(lessons):
        lesson_slug = f"lesson-{number + 1}"
        if _child(course, LessonPage, lesson_slug):
            continue
        lesson = LessonPage(
            title=lesson_title,
            slug=lesson_slug,
            estimated_minutes=minutes,
            is_preview=number == 0,
            body=_lesson_body(text, tip, number),
        )
        if number == len(lessons) - 1:
            lesson.quiz = quiz_data(quiz)
            # Fair quizzes: a fresh order per attempt, a short pause after a failed one, and the right
            # answers once the learner passes or has used every attempt.
            lesson.quiz_shuffle = True
            lesson.quiz_wait_minutes = 10
            lesson.quiz_reveal_answers = QuizReveal.AFTER_LAST_ATTEMPT
        course.add_child(instance=lesson)
        _publish(lesson)
    return course


def pass_quiz(user, lesson: LessonPage) -> None:
    if QuizAttempt.objects.filter(enrollment__user=user, lesson=lesson, passed=True).exists():
        return
    answers = {q["id"]: [str(c["index"]) for c in q["choices"] if c["correct"]] for q in lesson.quiz_questions()}
    services.quiz_submit(user=user, lesson=lesson, answers=answers)


def study(user, course: CoursePage, *, lessons_done: int, started_days_ago: int, ctx: DemoContext) -> Enrollment:
    """Enroll and work through the first ``lessons_done`` lessons (all of them finishes the course)."""
    enrollment = services.enrollment_create(user=user, course=course)
    lessons = list(services.live_lessons(course))
    for lesson in lessons[:lessons_done]:
        if lesson.has_quiz:
            pass_quiz(user, lesson)
        else:
            services.lesson_complete(user=user, lesson=lesson)
    # Spread the history over past weeks so dashboards show trends.
    enrolled_at = ctx.now - timedelta(days=started_days_ago)
    updates = {"enrolled_at": enrolled_at, "last_activity_at": enrolled_at + timedelta(days=started_days_ago // 2)}
    Enrollment.objects.filter(pk=enrollment.pk).update(**updates)
    enrollment.refresh_from_db()
    if enrollment.completed_at and enrollment.completed_at > enrolled_at + timedelta(days=started_days_ago // 2):
        finished = enrolled_at + timedelta(days=max(started_days_ago // 2, 1))
        Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=finished)
        enrollment.completions.update(completed_at=finished)
        if hasattr(enrollment, "certificate"):
            enrollment.certificate.issued_at = finished
            enrollment.certificate.save(update_fields=["issued_at"])
    return enrollment


def load_courses(ctx: DemoContext) -> list[CoursePage]:
    index = _course_index(ctx)
    courses = [_course(ctx, index, spec, i) for i, spec in enumerate(COURSES)]
    governance, accounting, pcm, fundraising, safety, mande = courses
    learner = ctx.users["learner"]
    # The demo learner: finished one course, part-way through two.
    finished = study(learner, governance, lessons_done=99, started_days_ago=60, ctx=ctx)
    study(learner, accounting, lessons_done=2, started_days_ago=20, ctx=ctx)
    study(learner, pcm, lessons_done=3, started_days_ago=10, ctx=ctx)
    study(ctx.users["learner2"], fundraising, lessons_done=99, started_days_ago=90, ctx=ctx)
    study(ctx.users["learner2"], safety, lessons_done=1, started_days_ago=5, ctx=ctx)
    study(ctx.users["manager"], governance, lessons_done=99, started_days_ago=120, ctx=ctx)
    study(ctx.users["manager2"], mande, lessons_done=2, started_days_ago=30, ctx=ctx)
    for org_index, org in enumerate(ctx.organizations):
        for person_index, person in enumerate(ctx.staff_by_org.get(org.slug, [])[:4]):
            course = courses[(org_index + person_index) % len(courses)]
            done = 99 if (org_index + person_index) % 3 == 0 else person_index + 1
            study(person, course, lessons_done=done, started_days_ago=30 + 25 * person_index + 7 * org_index, ctx=ctx)

    ctx.created_urls.append((index.url, None))
    ctx.created_urls.append((index.url + "?capacity_area=fundraising", None))
    for course in courses:
        ctx.created_urls += [(course.url, None), (course.url, "learner")]
        lessons = list(services.live_lessons(course))
        ctx.created_urls += [(lessons[0].url, None), (lessons[-1].url, "learner")]
    ctx.created_urls += [("/learning/", "learner"), ("/learning/", "learner2")]
    certificate = getattr(Enrollment.objects.get(pk=finished.pk), "certificate", None)
    if certificate:
        ctx.created_urls += [
            (certificate.get_absolute_url(), None),
            (f"/certificates/{certificate.code}/print/", "learner"),
            (f"/certificates/{certificate.code}/certificate.pdf", "learner"),
            (f"/learning/courses/{finished.course_id}/complete/", "learner"),
            ("/certificates/", None),
        ]
    ctx.say(f"Courses: {len(courses)} with lessons and quizzes; learner@example.org has a certificate.")
    return courses


def load(ctx: DemoContext) -> None:
    from .demo_seminars import load_seminars

    load_courses(ctx)
    load_seminars(ctx)
