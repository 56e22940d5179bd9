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


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    from lms.page_cache import bump_generation

    if isinstance(instance, Page):
        bump_generation()
