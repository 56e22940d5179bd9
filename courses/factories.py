"""Factories for tests and the demo data."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from organizations.factories import UserFactory

from .models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    LessonPage,
    SeminarIndexPage,
    SeminarPage,
    SeminarRegistration,
    SeminarSession,
)


def quiz_data(questions: list[tuple[str, list[str], list[int], bool, str]]) -> list[tuple[str, dict]]:
    """StreamField data for a quiz: [(prompt, choices, correct indexes, multiple, explanation)]."""
    return [
        (
            "question",
            {
                "prompt": prompt,
                "multiple": multiple,
                "explanation": explanation,
                "choices": [{"text": text, "correct": i in correct} for i, text in enumerate(choices)],
            },
        )
        for prompt, choices, correct, multiple, explanation in questions
    ]


SAMPLE_QUIZ = [
    ("Which document sets the NGO's purpose?", ["The articles of association", "The bank statement"], [0], False, ""),
    ("Which are board duties?", ["Oversight", "Approving the budget", "Daily bookkeeping"], [0, 1], True, "Why."),
]


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Faker("sentence", nb_words=4)
    summary = factory.Faker("paragraph")


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Lesson text.</p>")])


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    status = Enrollment.Status.ACTIVE


class SeminarIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SeminarIndexPage

    title = "Seminars"
    slug = "seminars"


class SeminarPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SeminarPage

    title = factory.Faker("sentence", nb_words=4)
    summary = factory.Faker("paragraph")


class SeminarSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeminarSession

    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    format = "in_person"
    venue = "JICA Ichigaya"
    address = "10-5 Ichigaya Honmuracho, Shinjuku, Tokyo"
    capacity = 5


class SeminarRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeminarRegistration

    user = factory.SubFactory(UserFactory)
    status = SeminarRegistration.Status.CONFIRMED


def translated_quiz(lesson: LessonPage, texts: list[tuple[str, list[str], str]]) -> list[dict]:
    """The lesson's quiz as raw StreamField data with translated text: [(prompt, choices, explanation)].

    Block ids, the order of choices and which are correct stay those of the original, so the
    original lesson grades answers given on the translation.
    """
    raw = list(lesson.quiz.raw_data)
    if len(raw) != len(texts):
        raise ValueError(f"{lesson.title}: {len(raw)} questions, {len(texts)} translations")
    translated = []
    for block, (prompt, choices, explanation) in zip(raw, texts, strict=True):
        value = dict(block["value"])
        if len(value["choices"]) != len(choices):
            raise ValueError(f"{lesson.title}: choices of “{value['prompt']}” do not match")
        value["prompt"], value["explanation"] = prompt, explanation
        value["choices"] = [
            {**choice, "value": {**choice["value"], "text": text}}
            for choice, text in zip(value["choices"], choices, strict=True)
        ]
        translated.append({**block, "value": value})
    return translated
