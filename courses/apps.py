from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and seminars")

    def ready(self):
        from lms.calendar import register_feed_provider

        from . import signals  # noqa: F401  (connects the receivers)
        from .selectors import seminar_feed_events

        register_feed_provider(seminar_feed_events)
