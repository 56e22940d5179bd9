from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms.i18n import local_path

register = template.Library()

# The header links to every area of the URL map; an area whose app is not
# wired yet is simply left out.
NAV_ITEMS = [
    ("courses", "/courses/", _("Courses")),
    ("seminars", "/seminars/", _("Seminars")),
    ("advisors", "advisors:directory", _("Advisors")),
    ("study-groups", "studygroups:list", _("Study groups")),
    ("placements", "placements:list", _("Placements")),
]


def _resolve(target):
    if target.startswith("/"):
        language = get_language() or settings.LANGUAGE_CODE
        return target if language == settings.LANGUAGE_CODE else f"/{language}{target}"
    try:
        return reverse(target)
    except NoReverseMatch:
        return None


@register.inclusion_tag("tags/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    path = request.path if request else ""
    items = []
    for key, target, label in NAV_ITEMS:
        url = _resolve(target)
        if url:
            items.append({"key": key, "url": url, "label": label, "current": path.startswith(url)})
    return {"items": items}


@register.inclusion_tag("tags/tool_nav.html", takes_context=True)
def tool_nav(context):
    """The signed-in person's tools for the header: the same list as the tools on their home."""
    from lms.home import tools_for

    request = context.get("request")
    user = getattr(request, "user", None)
    path = request.path if request else ""
    items = []
    for tool in tools_for(user):
        if tool.header:
            url = local_path(tool.url)
            items.append({"key": tool.key, "url": url, "label": tool.label, "current": path.startswith(url)})
    return {"items": items}
