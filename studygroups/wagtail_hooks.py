"""Study groups in the Wagtail admin, for programme staff to oversee them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GroupMembership, StudyGroup


class StudyGroupViewSet(SnippetViewSet):
    model = StudyGroup
    icon = "group"
    menu_label = _("Study groups")
    list_display = ["title", "fiscal_year", "lead_organization", "status"]
    list_filter = ["status", "fiscal_year", "capacity_areas"]
    search_fields = ["title", "theme"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("theme"),
        FieldPanel("public_summary"),
        FieldPanel("description"),
        FieldPanel("fiscal_year"),
        FieldPanel("lead_organization"),
        FieldPanel("status"),
        FieldPanel("capacity_areas"),
        FieldPanel("symposium_date"),
    ]


class GroupMembershipViewSet(SnippetViewSet):
    model = GroupMembership
    icon = "user"
    menu_label = _("Study group members")
    list_display = ["user", "group", "organization", "role", "status"]
    list_filter = ["status", "role", "group"]
    panels = [FieldPanel("role"), FieldPanel("status"), FieldPanel("notify")]


class StudyGroupAdminGroup(SnippetViewSetGroup):
    items = (StudyGroupViewSet, GroupMembershipViewSet)
    menu_icon = "group"
    menu_label = _("Study groups")
    menu_name = "studygroups"


register_snippet(StudyGroupAdminGroup)
