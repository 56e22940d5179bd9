from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Remember the language a person signed up in; the language middleware uses it."""

    def save_user(self, request, user, form, commit=True):
        language = translation.get_language() or "en"
        user.preferred_language = language[:2] if language[:2] in {"en", "ja"} else "en"
        return super().save_user(request, user, form, commit=commit)
