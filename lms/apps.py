from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Platform")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from lms import audit, search_index  # noqa: F401  (audit connects its signal receivers)
        from lms.page_cache import bump_generation

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_generation, dispatch_uid=f"page-cache-{id(signal)}")
        post_delete.connect(_page_deleted, dispatch_uid="page-cache-delete")
        search_index.register_kind("page", _("Page"))
        search_index.connect()

        from lms.home import register_tools_provider

        register_tools_provider(_calendar_tools)


def _calendar_tools(user):
    """Everyone signed in has a calendar: every scheme's events, and the feed to subscribe to."""
    from django.urls import reverse

    from lms.home import Tool

    yield Tool(
        key="calendar",
        label=_("Calendar"),
        url=reverse("calendar"),
        description=_("Your seminars, consultations and meetings by month, and the feed for your calendar app"),
        order=15,
    )


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    from lms.page_cache import bump_generation

    if isinstance(instance, Page):
        bump_generation()
