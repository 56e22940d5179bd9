from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = _("Policies and consent")

    def ready(self):
        from lms import personal_data

        from . import personal_data as provider
        from . import signals  # noqa: F401

        personal_data.register_export_provider(provider.export)
