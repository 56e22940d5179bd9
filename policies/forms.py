from django import forms
from django.utils.translation import gettext_lazy as _


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I have read and agree to the updated terms of use and privacy notice."),
        error_messages={"required": _("Tick the box to agree, or sign out.")},
    )
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
