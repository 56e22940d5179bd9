from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Remember the language a person signed up in; the language middleware uses it."""

    def save_user(self, request, user, form, commit=True):
        language = translation.get_language() or "en"
        user.preferred_language = language[:2] if language[:2] in {"en", "ja"} else "en"
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
