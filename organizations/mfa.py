"""Two-factor sign-in: the code that activated TOTP can't be used again to sign in.

allauth checks the activation code without recording it, while a sign-in code is recorded as
used for its whole validity window. Recording the activation code the same way closes the gap
(a code seen over someone's shoulder while they set up MFA is worth nothing afterwards).
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal.auth import TOTP


class ActivateTOTPOnceForm(ActivateTOTPForm):
    def clean_code(self) -> str:
        code = super().clean_code()
        TOTP(Authenticator(user=self.user, type=Authenticator.Type.TOTP))._mark_code_used(code)
        return code
