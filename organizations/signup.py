"""The sign-up form: name, language, time zone and consent to the current policies.

allauth's ``ACCOUNT_SIGNUP_FORM_CLASS`` adds these fields to its own (email, passwords);
the names go to ``first_name`` (given) and ``last_name`` (family), shown family-first when the
form is filled in Japanese. Consent is stored with each policy's current version.
"""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import TIME_ZONE_CHOICES, User


def _policy_link(kind: str, default_label: str):
    from policies.selectors import current_policies, policy_for_reader

    for policy in current_policies():
        if policy.kind == kind:
            page = policy_for_reader(policy)
            return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', page.url, page.title)
    return default_label


class SignupForm(forms.Form):
    last_name = forms.CharField(label=_("Family name"), max_length=150)
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES, initial="Asia/Tokyo")
    accept_terms = forms.BooleanField(error_messages={"required": _("You need to accept the terms of use.")})
    accept_privacy = forms.BooleanField(error_messages={"required": _("You need to accept the privacy notice.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from policies.selectors import current_policies

        language = (translation.get_language() or "en")[:2]
        self.fields["preferred_language"].initial = language if language in dict(settings.LANGUAGES) else "en"
        self.japanese_order = language == "ja"
        kinds = {policy.kind for policy in current_policies()}
        # Consent is asked only for the policies that exist; with none published there is nothing to agree to.
        for kind, field in (("terms", "accept_terms"), ("privacy", "accept_privacy")):
            if kind not in kinds:
                del self.fields[field]
        if "accept_terms" in self.fields:
            self.fields["accept_terms"].label = format_html(
                str(_("I agree to the {}.")), _policy_link("terms", _("terms of use"))
            )
        if "accept_privacy" in self.fields:
            self.fields["accept_privacy"].label = format_html(
                str(_("I have read the {} and agree to it.")), _policy_link("privacy", _("privacy notice"))
            )
        names = ["last_name", "first_name"] if self.japanese_order else ["first_name", "last_name"]
        order = ["email", *names, "password1", "password2", "preferred_language", "time_zone"]
        self.field_order = [*order, "accept_terms", "accept_privacy"]
        self.order_fields(self.field_order)

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def signup(self, request, user: User) -> None:
        """Called by allauth once the user is saved: record consent to the versions shown."""
        from policies.selectors import current_policies
        from policies.services import consent_record

        agreed = {"terms": "accept_terms", "privacy": "accept_privacy"}
        policies = [p for p in current_policies() if self.cleaned_data.get(agreed.get(p.kind, ""))]
        if policies:
            consent_record(user=user, policies=policies)
