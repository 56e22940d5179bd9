from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organizations and people")

    def ready(self):
        from . import search, vocabulary
        from .models import CapacityArea, FieldOfActivity, Region

        vocabulary.connect([CapacityArea, FieldOfActivity, Region])
        search.connect()

        from lms.home import register_needs_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
