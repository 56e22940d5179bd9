"""Course catalogue, course and lesson pages (editors build these in the Wagtail admin)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from courses.blocks import LessonStreamBlock, QuizStreamBlock
from lms import personal_cache
from organizations.models import default_language_only


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseFormat(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced")
    FACILITATED = "facilitated", _("Facilitated")
    BLENDED = "blended", _("Blended (online and seminar)")


class EnrollmentMode(models.TextChoices):
    OPEN = "open", _("Anyone signed in may enroll")
    ORGANIZATIONS = "organizations", _("Only members of the listed organizations")
    APPROVAL = "approval", _("Enrollment needs approval by programme staff")


class QuizReveal(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_PASSING = "after_passing", _("After the learner passes")
    AFTER_LAST_ATTEMPT = "after_last_attempt", _("After the learner passes or uses the last allowed attempt")


class CachedRestrictionsMixin:
    """Pages loaded by the catalogue's routing know which pages' view restrictions apply to them, so
    checking restrictions takes one query instead of walking the ancestors again."""

    def get_view_restrictions(self):
        from lms.pages import view_restrictions

        page_ids = getattr(self, "_restriction_page_ids", None)
        if page_ids is None:
            return super().get_view_restrictions()
        return view_restrictions(page_ids)


class CourseIndexPage(Page):
    """The catalogue at /courses/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def route(self, request, path_components):
        """Courses and lessons come from the cache in one step instead of a query and a ``.specific``
        per tree level; anything else (drafts, unknown slugs) goes through Wagtail's routing."""
        from courses.selectors import routed_page

        if 1 <= len(path_components) <= 2:
            page = routed_page(index=self, slugs=tuple(path_components))
            if page is not None:
                return RouteResult(page)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from courses.forms import CatalogueFilterForm
        from courses.selectors import catalogue_courses

        context = super().get_context(request, *args, **kwargs)
        form = CatalogueFilterForm(request.GET or None)
        filters = {}
        if form.is_bound:
            form.is_valid()  # apply the filters that are valid, ignore the rest
            filters = form.cleaned_data
        context["filter_form"] = form
        context["courses"] = catalogue_courses(index=self, user=request.user, filters=filters)
        return context


class CoursePage(CachedRestrictionsMixin, Page):
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences for the catalogue."))
    learning_outcomes = RichTextField(_("learning outcomes"), features=["ul", "ol", "bold", "italic"], blank=True)
    description = StreamField(LessonStreamBlock(), blank=True, verbose_name=_("description"))
    capacity_areas = ParentalManyToManyField(
        "organizations.CapacityArea",
        limit_choices_to=default_language_only,
        verbose_name=_("capacity areas"),
        blank=True,
        related_name="courses",
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.INTRODUCTORY)
    course_format = models.CharField(
        _("format"), max_length=16, choices=CourseFormat.choices, default=CourseFormat.SELF_PACED
    )
    course_language = models.CharField(
        _("language of instruction"), max_length=8, choices=[("en", _("English")), ("ja", _("Japanese"))], default="en"
    )
    estimated_hours = models.DecimalField(_("estimated hours"), max_digits=5, decimal_places=1, default=1)
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage", verbose_name=_("prerequisites"), blank=True, related_name="required_for"
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrollment_mode = models.CharField(
        _("enrollment"), max_length=16, choices=EnrollmentMode.choices, default=EnrollmentMode.OPEN
    )
    allowed_organizations = ParentalManyToManyField(
        "organizations.Organization",
        verbose_name=_("organizations allowed to enroll"),
        blank=True,
        related_name="+",
        help_text=_("Used when enrollment is limited to organizations."),
    )
    sequential = models.BooleanField(
        _("sequential"), default=False, help_text=_("Each lesson unlocks when the previous one is complete.")
    )
    issues_certificate = models.BooleanField(_("issues a certificate"), default=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("learning_outcomes"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("capacity_areas"),
                FieldPanel("level"),
                FieldPanel("course_format"),
                FieldPanel("course_language"),
                FieldPanel("estimated_hours"),
                FieldPanel("prerequisites"),
            ],
            heading=_("Catalogue"),
        ),
        InlinePanel("instructors", label=_("Instructors")),
        MultiFieldPanel(
            [
                FieldPanel("enrollment_mode"),
                FieldPanel("allowed_organizations"),
                FieldPanel("sequential"),
                FieldPanel("issues_certificate"),
            ],
            heading=_("Enrollment"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("learning_outcomes")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_overview
        from courses.translations import localize_course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_overview(course=self, user=request.user))
        personal_cache.keep(request)
        localize_course_context(context, self)
        return context


class CourseInstructor(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="instructors")
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True)

    panels = ["name", "affiliation", "bio"]

    class Meta(Orderable.Meta):
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")

    def __str__(self):
        return self.name


class LessonPage(CachedRestrictionsMixin, Page):
    """One lesson; order in the page tree is the order of the course."""

    body = StreamField(LessonStreamBlock(), blank=True, verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    is_preview = models.BooleanField(
        _("free preview"), default=False, help_text=_("Anyone may read a preview lesson without enrolling.")
    )
    is_required = models.BooleanField(
        _("required for completion"), default=True, help_text=_("The course is complete when every required lesson is.")
    )
    quiz = StreamField(
        QuizStreamBlock(),
        blank=True,
        verbose_name=_("quiz"),
        help_text=_("Optional. Passing the quiz completes the lesson."),
    )
    quiz_pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, help_text=_("Percentage of questions answered correctly to pass.")
    )
    quiz_max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, help_text=_("0 means unlimited.")
    )
    quiz_reveal_answers = models.CharField(
        _("show the right answers"),
        max_length=24,
        choices=QuizReveal.choices,
        default=QuizReveal.NEVER,
        help_text=_("Until then, learners only see which of their answers were wrong."),
    )
    quiz_shuffle = models.BooleanField(
        _("shuffle questions and answers"),
        default=False,
        help_text=_("Each attempt gets its own order, which stays the same until it is submitted."),
    )
    quiz_wait_minutes = models.PositiveIntegerField(
        _("waiting time between attempts (minutes)"),
        default=0,
        help_text=_("After a failed attempt, the learner waits this long before trying again. 0 means no wait."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("is_preview"), FieldPanel("is_required")],
            heading=_("Lesson"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("quiz"),
                FieldPanel("quiz_pass_mark"),
                FieldPanel("quiz_max_attempts"),
                FieldPanel("quiz_wait_minutes"),
                FieldPanel("quiz_reveal_answers"),
                FieldPanel("quiz_shuffle"),
            ],
            heading=_("Quiz"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def has_quiz(self) -> bool:
        return len(self.quiz) > 0

    def quiz_questions(self) -> list[dict]:
        """Questions as plain data; ``choices`` carry ``correct`` so never pass this to a template."""
        questions = []
        for block in self.quiz:
            value = block.value
            questions.append(
                {
                    "id": block.id,
                    "prompt": value["prompt"],
                    "multiple": bool(value["multiple"]),
                    "explanation": value["explanation"],
                    "choices": [
                        {"index": i, "text": choice["text"], "correct": bool(choice["correct"])}
                        for i, choice in enumerate(value["choices"])
                    ],
                }
            )
        return questions

    def public_quiz(self) -> list[dict]:
        """The quiz as shown before submission: no answers, no explanations."""
        return [
            {
                "id": q["id"],
                "prompt": q["prompt"],
                "multiple": q["multiple"],
                "choices": [{"index": c["index"], "text": c["text"]} for c in q["choices"]],
            }
            for q in self.quiz_questions()
        ]

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import lesson_context, lesson_preview_context
        from courses.translations import localize_lesson_context

        if getattr(request, "is_preview", False) or not self.pk:
            context = super().get_context(request, *args, **kwargs)
            context.update(lesson_preview_context(lesson=self))
            return context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(lesson=self, user=request.user, attempt_id=request.GET.get("attempt")))
        personal_cache.keep(request)
        localize_lesson_context(context, self)
        if context.get("can_read"):
            from courses.caching import rendered_lesson_body

            context["body_html"] = rendered_lesson_body(self)
        return context
