from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = _("Progress")

    def ready(self):
        from . import caching

        caching.connect()

        from lms import personal_data

        from . import personal_data as provider

        personal_data.register_export_provider(provider.export)
        from lms.home import register_needs_provider, register_progress_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
        register_progress_provider(personal.progress)
