"""Forms for joining: a request to join, an NGO's application, staff's review, invitations in bulk."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lms.forms import BoundedTextMixin, SafeModelMultipleChoiceField

from .joining import duplicate_name
from .models import FieldOfActivity, Membership, OrganizationApplication


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the managers"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: who you are and what you do in the organization."),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApplicationForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = OrganizationApplication
        fields = [
            "name_en",
            "name_ja",
            "legal_form",
            "head_office",
            "countries_of_operation",
            "fields_of_activity",
            "website",
            "applicant_role",
            "description",
        ]
        widgets = {"fields_of_activity": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"fields_of_activity": SafeModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_of_activity"].queryset = FieldOfActivity.objects.canonical()
        self.fields["website"].assume_scheme = "https"

    def clean(self):
        cleaned = super().clean()
        found = duplicate_name(
            cleaned.get("name_en", ""), cleaned.get("name_ja", ""), exclude_application=self.instance.pk
        )
        if found:
            field = "name_en" if found == cleaned.get("name_en") else "name_ja"
            self.add_error(
                field,
                _("An organization called “%(name)s” is already in the programme or has applied.") % {"name": found},
            )
        return cleaned


class ReviewForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve: create the organization")),
        ("changes", _("Ask for changes")),
        ("decline", _("Decline")),
    ]
    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you ask for changes or decline: say what to change, or why."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("changes", "decline") and not cleaned.get("message", "").strip():
            self.add_error("message", _("Write a message: say what to change, or why you decline."))
        return cleaned


class BulkInvitationForm(forms.Form):
    addresses = forms.CharField(
        label=_("Email addresses"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, or separated by commas."),
    )
    csv_file = forms.FileField(
        label=_("Or upload a CSV file"),
        required=False,
        help_text=_("Columns: name, email, role (member or manager). At most 500 rows."),
    )
    role = forms.ChoiceField(
        label=_("Role, where the list gives none"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation email"),
        choices=settings.LANGUAGES,
        initial="en",
        help_text=_("For people without an account; those with one get it in their own language."),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if upload and upload.size > 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("addresses", "").strip() and not cleaned.get("csv_file") and not self.errors:
            raise forms.ValidationError(_("Paste email addresses or choose a CSV file."))
        return cleaned
