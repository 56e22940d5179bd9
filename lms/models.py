"""Models of the shared plumbing: the audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """A security-relevant event: who did what to what, and when. Never edited."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("who (as recorded)"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.target_repr}"


class SearchDocument(models.Model):
    """One searchable thing (a page, an advisor, an organization) as one language's readers see it.

    Filled by ``lms.search_index`` from the providers the apps register; never edited by hand.
    """

    kind = models.CharField(max_length=32, db_index=True)
    key = models.CharField(max_length=64, help_text="What it indexes, e.g. page:<translation key> or advisor:<pk>.")
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Title, body and keywords, normalized: the phrase check reads it.")
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True)
    areas = models.CharField(max_length=255, blank=True, help_text="Capacity area ids, as ,1,5, for filtering.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "language"], name="search_document_key_language")]
        indexes = [models.Index(fields=["language", "kind"], name="search_document_lang_kind")]

    def __str__(self):
        return f"{self.kind}: {self.title} ({self.language})"


class SearchTerm(models.Model):
    """One term of one document, weighted: titles count ten times, keywords three, body once."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)
    weight = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "document"], name="search_term_term_document")]

    def __str__(self):
        return self.term


class OutboxEmail(models.Model):
    """One rendered email on its way out: kept until the mail server has taken it.

    Every email the site sends is written here first (in the same transaction as the change it
    reports, so a rolled-back change sends nothing), then delivered after commit. A failed send
    stays here and is tried again with a growing delay; programme staff see what waits or failed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    to = models.JSONField(_("send to"), default=list)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    from_email = models.CharField(_("sender"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="lms_outbox_due")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
