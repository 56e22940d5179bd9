"""Admin viewsets for people, organizations and the shared vocabulary."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CapacityArea, FieldOfActivity, Invitation, Organization, Region


class CapacityAreaViewSet(SnippetViewSet):
    model = CapacityArea
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class FieldOfActivityViewSet(SnippetViewSet):
    model = FieldOfActivity
    icon = "tag"
    list_display = ["name", "slug"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "slug"]


register_snippet(CapacityAreaViewSet)
register_snippet(FieldOfActivityViewSet)
register_snippet(RegionViewSet)


class OrganizationViewSet(ModelViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    list_display = ["name", "region", "legal_form", "created_at"]
    list_filter = ["region", "legal_form"]
    search_fields = ["name", "description"]
    form_fields = [
        "name",
        "name_ja",
        "slug",
        "legal_form",
        "prefecture",
        "region",
        "fields_of_activity",
        "countries_of_operation",
        "website",
        "founded_year",
        "description",
        "internal_notes",
        "logo",
    ]


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    list_display = ["email", "organization", "role", "status", "expires_at"]
    list_filter = ["status", "role"]
    form_fields = ["organization", "email", "role", "status"]


class OrganizationsGroup(ModelViewSetGroup):
    menu_label = _("Organizations")
    menu_icon = "group"
    menu_order = 200
    items = (OrganizationViewSet, InvitationViewSet)


@hooks.register("register_admin_viewset")
def register_organizations_viewset():
    return OrganizationsGroup()
