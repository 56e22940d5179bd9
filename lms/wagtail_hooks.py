"""The audit trail in the Wagtail admin, read-only, for programme staff."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.models import AuditEvent


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Events can be viewed by those with view permission, never added, changed or deleted."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Audit trail")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["created_at", "actor_repr", "action", "target_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_repr", "action", "target_repr"]
    inspect_view_enabled = True
    form_fields = ["action"]


register_permission_policy(AuditEvent, ReadOnlyPolicy(AuditEvent))


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEventViewSet("audit")
