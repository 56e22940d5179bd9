from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisorsConfig(AppConfig):
    name = "advisors"
    verbose_name = _("NGO Advisors")

    def ready(self):
        from lms.calendar import register_feed_provider

        from .feeds import consultation_events

        register_feed_provider(consultation_events)

        from lms.home import register_needs_provider, register_progress_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
        register_progress_provider(personal.progress)
