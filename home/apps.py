from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and general pages")

    def ready(self):
        from lms.home import register_needs_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
