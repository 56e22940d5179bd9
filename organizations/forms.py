from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import BoundedTextMixin, SafeModelMultipleChoiceField, bound_year
from lms.writing import PreviewMixin, markdown_field_classes

from .models import Membership, Organization, User


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class OrganizationProfileForm(PreviewMixin, BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "name_ja",
            "legal_form",
            "prefecture",
            "region",
            "fields_of_activity",
            "countries_of_operation",
            "website",
            "founded_year",
            "description",
            "internal_notes",
        ]
        widgets = {"fields_of_activity": forms.CheckboxSelectMultiple}
        field_classes = {
            "fields_of_activity": SafeModelMultipleChoiceField,
            **markdown_field_classes("description", "internal_notes"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_year(self.fields["founded_year"], earliest=1800)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "display_name",
            "name_order",
            "certificate_name",
            "preferred_language",
            "time_zone",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.certificate_name:
            self.initial["certificate_name"] = self.instance.get_full_name()

    def clean_certificate_name(self) -> str:
        name = " ".join(self.cleaned_data["certificate_name"].split())
        if "@" in name:
            raise forms.ValidationError(_("Enter your name, not an email address."))
        return name
