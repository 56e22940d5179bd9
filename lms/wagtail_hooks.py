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


# Deleting keeps records ---------------------------------------------------------------------------


def _refuse_delete(request, pages, held: list[str]):
    from django.shortcuts import render

    from lms import audit

    for page in pages:
        audit.record(action="page.delete_refused", actor=request.user, target=page, details={"records": held})
    return render(
        request,
        "wagtailadmin/lms/delete_refused.html",
        {
            "pages": pages,
            "held": held,
            "header_title": _("This page can't be deleted"),
            "page_title": _("This page can't be deleted"),
            "header_icon": "warning",
        },
        status=409,
    )


@hooks.register("before_delete_page")
def protect_pages_holding_records(request, page):
    """A seminar with registrations, a course with enrollments... is unpublished, never deleted."""
    from lms.protection import records_held

    held = records_held([page])
    if held:
        return _refuse_delete(request, [page], held)
    return None


@hooks.register("before_bulk_action")
def protect_pages_holding_records_in_bulk(request, action_type, objects, action_class_instance):
    from wagtail.models import Page

    from lms.protection import records_held

    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    holding = [page for page in objects if records_held([page])]
    if holding:
        return _refuse_delete(request, holding, records_held(holding))
    return None
