from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and seminars")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from lms.calendar import register_feed_provider

        from . import caching, signals  # noqa: F401  (signals connects the receivers)
        from .selectors import seminar_feed_events

        register_feed_provider(seminar_feed_events)
        for signal in (post_save, post_delete):
            signal.connect(caching.page_changed, dispatch_uid=f"courses-pages-{id(signal)}")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(caching.bump_version, dispatch_uid=f"courses-pages-{id(signal)}")

        from lms.home import register_needs_provider, register_progress_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
        register_progress_provider(personal.progress)
