from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailPreferences


class EmailPreferencesForm(forms.ModelForm):
    class Meta:
        model = EmailPreferences
        fields = ["reminders", "digests", "mentions", "news"]


class ErasureConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that after 14 days my account and personal data are erased for good."),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )


class StaffErasureForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the account"), max_length=254)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the person asked by email on 3 December 2026."),
    )
    confirm = forms.BooleanField(
        label=_("Erase this account now. This can't be undone."),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )
