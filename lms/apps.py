from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Platform")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from lms import audit, auth, pages, personal_cache, search_index, sites  # noqa: F401  (audit connects its receivers)
        from lms.page_cache import bump_generation

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_generation, dispatch_uid=f"page-cache-{id(signal)}")
        post_delete.connect(_page_deleted, dispatch_uid="page-cache-delete")
        search_index.register_kind("page", _("Page"))
        search_index.connect()
        auth.connect()
        sites.connect()
        pages.connect()
        personal_cache.connect()

        from django.core import signals

        from lms import request_scope

        signals.request_started.connect(request_scope.started, dispatch_uid="lms-request-scope-started")
        signals.request_finished.connect(request_scope.finished, dispatch_uid="lms-request-scope-finished")

        from lms.home import register_tools_provider, tools_changed

        register_tools_provider(_calendar_tools)
        _connect_tools_cache(tools_changed)


def _connect_tools_cache(receiver):
    """The header's tools are cached per person; what they are made of retires the cache."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from organizations.models import Membership, Organization

    User = get_user_model()
    for model in (User, Membership, Organization, Group):
        post_save.connect(receiver, sender=model, dispatch_uid=f"tools-save-{model._meta.label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"tools-delete-{model._meta.label}")
    m2m_changed.connect(receiver, sender=User.groups.through, dispatch_uid="tools-user-groups")


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
