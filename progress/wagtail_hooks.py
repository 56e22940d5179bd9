"""Programme staff define self-assessments (indicators inline) and can browse responses and targets."""

import re

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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


REMOVED_INDICATOR = re.compile(r"^indicators-\d+-DELETE$")


@hooks.register("before_edit_snippet")
def keep_answered_indicators(request, instance):
    """Indicators that organizations have answered cannot be removed: their scores would lose their meaning.
    Title, introduction and "open" stay editable; to change the questions, copy the assessment as a new version."""
    if request.method != "POST" or not isinstance(instance, Assessment):
        return None
    if not instance.responses.exists():
        return None
    removing = any(REMOVED_INDICATOR.match(key) and value for key, value in request.POST.items())
    if not removing:
        return None
    messages.error(
        request,
        gettext(
            "Organizations have answered this assessment, so its indicators cannot be removed. "
            "Copy it, raise the version number and change the copy instead."
        ),
    )
    return redirect(request.path)
