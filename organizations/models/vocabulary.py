"""The shared vocabulary: capacity areas, fields of activity and regions, translated as Wagtail snippets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index


def default_language_only() -> dict:
    """limit_choices_to for links to a vocabulary: records point at the default-language row."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class VocabularyQuerySet(models.QuerySet):
    def canonical(self):
        """Rows in the default language: records point at these; translations only rename them."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class VocabularyBase(TranslatableMixin, models.Model):
    """A programme-controlled list, translated as Wagtail snippets (one row per language).

    Courses, organizations and consultations always point at the default-language row; a reader sees
    its name in their language through ``__str__`` (see ``organizations.vocabulary``).
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = VocabularyQuerySet.as_manager()
    panels = ["name", "slug", "sort_order"]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        from ..vocabulary import localized_name

        return localized_name(self)

    def save(self, *args, **kwargs):
        if self.locale_id is None:
            self.locale = Locale.get_default()
        super().save(*args, **kwargs)


class CapacityArea(index.Indexed, VocabularyBase):
    """The shared taxonomy: courses, seminars, advisors and assessments are tagged with it."""

    description = models.TextField(_("description"), blank=True)

    panels = ["name", "slug", "description", "sort_order"]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(VocabularyBase.Meta):
        verbose_name = _("capacity area")
        verbose_name_plural = _("capacity areas")


class FieldOfActivity(VocabularyBase):
    class Meta(VocabularyBase.Meta):
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")


class Region(VocabularyBase):
    """A prefecture or regional block of Japan, or "overseas"."""

    class Meta(VocabularyBase.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
