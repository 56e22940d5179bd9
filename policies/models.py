"""The terms of use and the privacy notice, as Wagtail pages with versions, and people's consent to them.

A policy's version is the published revision of its page in the default language: publishing a
change makes a new version, and everyone is asked to consent again at their next sign-in. A
translation is the same policy in another language; consenting to it counts for the original.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Revision
from wagtail.search import index


class PolicyKind(models.TextChoices):
    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Privacy notice")


class PolicyPage(Page):
    kind = models.CharField(_("kind"), max_length=16, choices=PolicyKind.choices, default=PolicyKind.TERMS)
    summary_of_changes = models.TextField(
        _("summary of changes"),
        blank=True,
        help_text=_("Shown to people asked to consent again: what changed in this version."),
    )
    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("summary_of_changes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")


class PolicyConsent(models.Model):
    """One person's consent to one version of one policy."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="policy_consents"
    )
    policy = models.ForeignKey(PolicyPage, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="consents")
    revision = models.ForeignKey(Revision, verbose_name=_("version"), on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    consented_at = models.DateTimeField(_("consented at"), auto_now_add=True)

    class Meta:
        ordering = ["-consented_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [models.UniqueConstraint(fields=["user", "revision"], name="one_consent_per_version")]

    def __str__(self):
        return f"{self.user} → {self.policy} (v{self.revision_id})"

    @property
    def version_published_at(self):
        return self.revision.created_at
