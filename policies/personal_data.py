"""The consent part of a person's data (registered in apps.py): which version of which policy, and when."""

from django.utils.translation import gettext as _

from lms.personal_data import ExportSection, records

from .models import PolicyConsent


def export(user) -> list[ExportSection]:
    return [
        ExportSection(
            key="policies_consents",
            title=_("Consents"),
            records=records(
                PolicyConsent.objects.filter(user=user).select_related("policy", "revision"),
                ["policy", "revision", "language", "consented_at"],
            ),
        )
    ]
