"""Forms for the catalogue and seminar filters, enrollment actions and seminar organizers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import CapacityArea, Region

from .models import CourseFormat, Level, SessionFormat, SessionMessage


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    capacity_area = forms.ModelChoiceField(
        label=_("Capacity area"),
        queryset=CapacityArea.objects.canonical(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any"),
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("Any"))] + Level.choices, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any")), ("en", _("English")), ("ja", _("Japanese"))], required=False
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("", _("Any"))] + CourseFormat.choices, required=False)


class SeminarFilterForm(forms.Form):
    capacity_area = forms.ModelChoiceField(
        label=_("Capacity area"),
        queryset=CapacityArea.objects.canonical(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any"),
    )
    format = forms.ChoiceField(label=_("Format"), choices=[("", _("Any"))] + SessionFormat.choices, required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.canonical(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any"),
    )
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


class RevokeCertificateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.TextInput)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the session?"),
        choices=[(5, _("5 – excellent")), (4, _("4")), (3, _("3")), (2, _("2")), (1, _("1 – poor"))],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )


class SessionMessageForm(forms.Form):
    audience = forms.ChoiceField(label=_("Send to"), choices=SessionMessage.Audience.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))


class CertificateLookupForm(forms.Form):
    """/certificates/: anyone checks a certificate by the code printed on it."""

    code = forms.CharField(
        label=_("Certificate code"),
        max_length=64,
        help_text=_("The code printed at the bottom of the certificate."),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isprintable() or not all(ch.isalnum() or ch in "-_" for ch in code):
            raise forms.ValidationError(_("A certificate code has only letters, digits, - and _."))
        return code


class CertificateNameForm(forms.Form):
    name = forms.CharField(
        label=_("Name on your certificate"),
        max_length=200,
        help_text=_("Write it as it should be printed, in the script you choose, e.g. 佐藤 花子 or Hanako Sato."),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name or not name.isprintable():
            raise forms.ValidationError(_("Enter the name to print on your certificates."))
        if "@" in name:
            raise forms.ValidationError(_("Enter your name, not an email address."))
        return name
