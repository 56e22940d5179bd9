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

        from lms import personal_cache

        from .models import Milestone

        personal_cache.watch(Milestone, lambda milestone: [milestone.placement.researcher_id])  # set by the host

        from lms import personal_data

        from . import personal_data as provider

        personal_data.register_export_provider(provider.export)
        personal_data.register_erasure_provider(provider.erase)
        personal_data.register_retention_provider(provider.retention)

        from lms.home import register_needs_provider, register_progress_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
        register_progress_provider(personal.progress)

        from lms import figures

        from .progress import PlacementsProvider

        figures.register(PlacementsProvider())
