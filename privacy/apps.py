from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from lms.email import register_preference_hooks
        from lms.personal_data import register_erasure_provider, register_export_provider

        from . import providers, tokens

        register_preference_hooks(allows=tokens.email_allowed, unsubscribe_url=tokens.unsubscribe_url)
        register_export_provider(providers.account_sections)
        register_erasure_provider(providers.erase_account)
