"""The Wagtail admin on the personal home (registered in AppConfig.ready): the link for content staff and
the pages waiting for review."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowState

from lms.home import Need, Tool
from organizations.models import ProgrammeRole

ADMIN_GROUPS = (ProgrammeRole.EDITORS, ProgrammeRole.MODERATORS, ProgrammeRole.PROGRAMME_STAFF)
LIST_LIMIT = 20


def has_admin(user) -> bool:
    """The roles whose group grants Wagtail's ``access_admin`` (organizations' roles migration)."""
    return user.is_superuser or any(user.in_group(name) for name in ADMIN_GROUPS)


def tools(user):
    if has_admin(user):
        yield Tool(
            key="admin",
            label=_("Admin"),
            url=reverse("wagtailadmin_home"),
            description=_("Pages, documents, images and snippets"),
            order=90,
        )


def needs(user):
    if user.is_superuser or user.in_group(ProgrammeRole.MODERATORS):
        count = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
        if count:
            yield Need(
                group=_("Pages waiting for review"),
                title=_("Pages to review in the admin"),
                url=reverse("wagtailadmin_home"),
                count=count,
                order=8,
            )
    elif user.in_group(ProgrammeRole.EDITORS):
        ids = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, requested_by=user, base_content_type__model="page"
        ).values_list("object_id", flat=True)[:LIST_LIMIT]
        pages = Page.objects.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()]).only("id", "title")
        for page in pages.order_by("title"):
            yield Need(
                group=_("Pages waiting for review"),
                title=page.title,
                url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                detail=_("Waiting for a moderator"),
                order=8,
            )
