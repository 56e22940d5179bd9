from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
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

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's emails take the project's one path: the recipient's language, the outbox, retries.

        A message to an address that belongs to an account is written in that person's language;
        otherwise (e.g. "you already have an account" before signing in) in the page's language.
        """
        from lms import outbox

        user = context.get("user")
        if user is None or getattr(user, "email", "").lower() != email.lower():
            user = get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", "") or translation.get_language() or "en"
        with translation.override(language):
            request = context.get("request") or self.request
            ctx = {"email": email, "request": request}
            ctx.update(context)
            if "current_site" not in ctx:
                from django.contrib.sites.shortcuts import get_current_site

                ctx["current_site"] = get_current_site(request)
            message = self.render_mail(template_prefix, email, ctx)
        outbox.outbox_add_message(message)

    def format_email_subject(self, subject):
        """Every allauth subject starts with the programme's name, never the host's."""
        return f"[{gettext('NGO Capacity Building')}] {force_str(subject)}"
