"""An admin report: which pages lack a Japanese translation, or changed after it was made."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

STATUSES = {
    "missing": _("No translation"),
    "untranslated": _("Copied, not yet translated"),
    "outdated": _("Changed after translation"),
    "current": _("Translated"),
}


@dataclass
class Row:
    page: Page
    translation: Page | None
    status: str

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


def _status(source: Page, translation: Page | None) -> str:
    if translation is None:
        return "missing"
    if translation.alias_of_id:
        return "untranslated"
    source_changed = source.last_published_at or source.latest_revision_created_at
    translated = translation.last_published_at or translation.latest_revision_created_at
    if source_changed and translated and source_changed > translated:
        return "outdated"
    return "current"


def translation_rows(target_language: str) -> list[Row]:
    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    target_locale = Locale.objects.filter(language_code=target_language).first()
    if source_locale is None:
        return []
    sources = list(Page.objects.filter(locale=source_locale, depth__gt=1).order_by("path"))
    translations = {}
    if target_locale is not None:
        translations = {
            page.translation_key: page
            for page in Page.objects.filter(
                locale=target_locale, translation_key__in=[p.translation_key for p in sources]
            )
        }
    return [Row(page, translations.get(page.translation_key), "") for page in sources]


def translation_report(request):
    language = request.GET.get("language", "ja")
    if language not in dict(settings.LANGUAGES) or language == settings.LANGUAGE_CODE:
        language = "ja"
    rows = translation_rows(language)
    for row in rows:
        row.status = _status(row.page, row.translation)
    wanted = request.GET.get("status", "")
    if wanted in STATUSES:
        rows = [row for row in rows if row.status == wanted]
    return render(
        request,
        "home/admin/translation_report.html",
        {
            "rows": rows,
            "statuses": STATUSES,
            "wanted": wanted,
            "language": language,
            "header_title": _("Translations"),
        },
    )
