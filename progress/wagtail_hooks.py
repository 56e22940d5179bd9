"""Programme staff define self-assessments (indicators inline) and can browse responses and targets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Assessment, AssessmentResponse, Target


class AssessmentViewSet(SnippetViewSet):
    """Copy an assessment and raise its version to change it once responses exist; responses keep their version."""

    model = Assessment
    icon = "list-ol"
    menu_label = _("Assessments")
    list_display = ["title", "slug", "version", "is_open", "created_at"]
    list_filter = ["is_open", "slug"]
    search_fields = ["title"]


class AssessmentResponseViewSet(SnippetViewSet):
    model = AssessmentResponse
    icon = "form"
    menu_label = _("Assessment responses")
    list_display = ["organization", "assessment", "fiscal_year", "status", "submitted_at"]
    list_filter = ["status", "fiscal_year", "assessment"]
    search_fields = ["organization__name"]
    panels = ["status", "summary"]
    inspect_view_enabled = True


class TargetViewSet(SnippetViewSet):
    model = Target
    icon = "pick"
    menu_label = _("Targets")
    list_display = ["title", "organization", "metric", "target_value", "due_date", "status"]
    list_filter = ["metric", "status"]
    search_fields = ["title", "organization__name"]
    panels = ["title", "status", "due_date"]


class ProgressViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Capacity assessment")
    menu_icon = "list-ol"
    menu_order = 300
    items = (AssessmentViewSet, AssessmentResponseViewSet, TargetViewSet)


register_snippet(ProgressViewSetGroup)
