"""The error a service raises when a rule stops an action.

Views catch it and show ``message`` on the form or page; nothing is changed.
"""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A business rule refused the action; the message is for the user."""

    @property
    def message_text(self) -> str:
        return " ".join(str(m) for m in self.messages)
