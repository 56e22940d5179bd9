from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and seminars")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from lms.calendar import register_event_source, register_feed_provider

        from . import caching, search, signals  # noqa: F401  (signals connects the receivers)
        from .selectors import seminar_feed_events, session_event_for

        register_feed_provider(seminar_feed_events)
        register_event_source("session", session_event_for)
        search.connect()

        from lms import personal_data

        from . import personal_data as provider

        personal_data.register_export_provider(provider.export)
        personal_data.register_erasure_provider(provider.erase)

        from lms.protection import keep_in_admin
        from lms.protection import register as register_protection

        from .models import Certificate, Enrollment, SeminarRegistration
        from .protection import records_on_pages

        register_protection(records_on_pages)
        keep_in_admin(Enrollment, Certificate, SeminarRegistration)

        from lms import personal_cache

        personal_cache.watch(Certificate, lambda certificate: [certificate.enrollment.user_id])  # revoked by staff
        for signal in (post_save, post_delete):
            signal.connect(caching.page_changed, dispatch_uid=f"courses-pages-{id(signal)}")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(caching.bump_version, dispatch_uid=f"courses-pages-{id(signal)}")

        from lms.home import register_needs_provider, register_progress_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
        register_progress_provider(personal.progress)

        from lms import figures

        from .progress import CoursesProvider, SeminarsProvider

        figures.register(CoursesProvider())
        figures.register(SeminarsProvider())
