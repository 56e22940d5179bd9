from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("NGO Researcher placements")

    def ready(self):
        from lms.calendar import register_feed_provider

        from . import search
        from .calendar import milestone_events

        register_feed_provider(milestone_events)
        search.connect()
