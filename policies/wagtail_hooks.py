"""Programme staff see who consented to which policy version, and when."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import PolicyConsent


class ConsentRecordPolicy(ModelPermissionPolicy):
    """Consent records are evidence: programme staff may read them; nobody edits them in the admin."""

    def user_has_permission(self, user, action):
        if action != "view" or not (user.is_active and user.is_authenticated):
            return False
        return bool(getattr(user, "is_programme_staff", False))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.none()


class PolicyConsentViewSet(ModelViewSet):
    model = PolicyConsent
    icon = "tick-inverse"
    menu_label = _("Policy consents")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["user", "policy", "revision", "language", "consented_at"]
    list_filter = ["policy", "language"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    list_export = ["user", "policy", "revision", "language", "consented_at"]
    form_fields = ["user", "policy", "revision", "language"]
    inspect_view_enabled = True


register_permission_policy(PolicyConsent, ConsentRecordPolicy(PolicyConsent), exact_class=True)


@hooks.register("register_admin_viewset")
def register_consent_viewset():
    return PolicyConsentViewSet("policy_consents")
