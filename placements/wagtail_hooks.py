"""Admin views for programme staff: researcher profiles and placements (state changes go through the site)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Placement, ResearcherProfile


class ResearcherProfileViewSet(ModelViewSet):
    model = ResearcherProfile
    icon = "user"
    menu_label = _("Researchers")
    list_display = ["user", "status", "languages", "available_from", "available_until"]
    list_filter = ["status", "specialities"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "languages"]
    form_fields = ["specialities", "languages", "biography", "available_from", "available_until", "status"]


class PlacementViewSet(ModelViewSet):
    """Edits details only; state changes are services on the placement page, so the log stays complete."""

    model = Placement
    icon = "pick"
    menu_label = _("Placements")
    list_display = ["organization", "capacity_area", "state", "researcher", "start_date", "end_date"]
    list_filter = ["state", "capacity_area", "organization"]
    search_fields = ["goals", "organization__name"]
    form_fields = ["goals", "host_provides"]
    add_view_enabled = False


class PlacementsGroup(ModelViewSetGroup):
    menu_label = _("Placements")
    menu_icon = "pick"
    menu_order = 260
    items = (PlacementViewSet, ResearcherProfileViewSet)


@hooks.register("register_admin_viewset")
def register_placements_viewset():
    return PlacementsGroup()
