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
