from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisorsConfig(AppConfig):
    name = "advisors"
    verbose_name = _("NGO Advisors")

    def ready(self):
        from lms.calendar import register_event_source, register_feed_provider

        from . import search
        from .feeds import consultation_event_for, consultation_events

        register_feed_provider(consultation_events)
        register_event_source("consultation", consultation_event_for)
        search.connect()
