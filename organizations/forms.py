from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organization, User


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class OrganizationProfileForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "legal_form",
            "region",
            "fields_of_activity",
            "countries_of_operation",
            "website",
            "founded_year",
            "description",
            "internal_notes",
        ]
        widgets = {"fields_of_activity": forms.CheckboxSelectMultiple}


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "display_name", "name_order", "preferred_language", "time_zone"]
