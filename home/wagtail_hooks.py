from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.translation_report import translation_report


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [path("reports/translations/", translation_report, name="translation_report")]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(_("Translations"), reverse("translation_report"), icon_name="globe", order=900)
