"""Ask for consent again at sign-in when a policy has a new version."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services import consent_check_at_sign_in


@receiver(user_logged_in)
def _check_consent(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        consent_check_at_sign_in(request=request, user=user)
