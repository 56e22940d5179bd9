from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext


class AccountAdapter(DefaultAccountAdapter):
    """Remember the language, time zone and name order a person signed up with; brand allauth's emails."""

    def save_user(self, request, user, form, commit=True):
        data = getattr(form, "cleaned_data", {}) or {}
        language = data.get("preferred_language") or (translation.get_language() or "en")[:2]
        user.preferred_language = language if language in dict(settings.LANGUAGES) else "en"
        if data.get("time_zone"):
            user.time_zone = data["time_zone"]
        # The form's language decides how the name is written: family name first in Japanese.
        if (translation.get_language() or "en")[:2] == "ja":
            user.name_order = user.NameOrder.FAMILY_FIRST
        return super().save_user(request, user, form, commit=commit)

    def format_email_subject(self, subject):
        """Every allauth subject starts with the programme's name, never the host's."""
        return f"[{gettext('NGO Capacity Building')}] {force_str(subject)}"
