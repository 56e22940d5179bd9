"""Admin views for programme staff: researcher profiles and placements (state changes go through the site)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Placement, ResearcherProfile


class ResearcherProfileViewSet(ModelViewSet):
    model = ResearcherProfile
    icon = "user"
    menu_label = _("Researchers")
    list_display = ["user", "status", "languages", "available_from", "available_until"]
    list_filter = ["status", "specialities"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "languages"]
    form_fields = ["specialities", "languages", "biography", "available_from", "available_until", "status"]


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Placements start as a manager's request on the site (a service), never as a bare admin form."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Placement, NoAddPermissionPolicy(Placement))


class PlacementViewSet(ModelViewSet):
    """Edits details only; state changes are services on the placement page, so the log stays complete."""

    model = Placement
    icon = "pick"
    menu_label = _("Placements")
    list_display = ["organization", "capacity_area", "state", "researcher", "start_date", "end_date"]
    list_filter = ["state", "capacity_area", "organization"]
    search_fields = ["goals", "organization__name"]
    form_fields = ["goals", "host_provides"]
    inspect_view_enabled = True


class PlacementsGroup(ModelViewSetGroup):
    menu_label = _("Placements")
    menu_icon = "pick"
    menu_order = 260
    items = (PlacementViewSet, ResearcherProfileViewSet)


@hooks.register("register_admin_viewset")
def register_placements_viewset():
    return PlacementsGroup()
