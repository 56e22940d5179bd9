"""What follows a consultation: the advisor's record, follow-up actions and the learner's feedback."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.markdown import markdown_text

from .consultations import Consultation


class ConsultationRecord(models.Model):
    """What came of a consultation: the summary is shared, the notes are not."""

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("Question answered")
        PARTLY = "partly", _("Partly answered, follow-up needed")
        REFERRED = "referred", _("Referred to another service")
        ONGOING = "ongoing", _("Ongoing case, further sessions planned")

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="record")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    summary = models.TextField(_("summary"), help_text=_("Shared with the learner and their organization's managers."))
    private_notes = models.TextField(
        _("private notes"), blank=True, help_text=_("Seen only by you and programme staff.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultation record")
        verbose_name_plural = _("consultation records")

    def __str__(self):
        return f"{self.consultation}: {self.get_outcome_display()}"


class FollowUp(models.Model):
    """Something to do after a consultation; the action is written in Markdown like the record's summary."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField(pgettext_lazy("follow-up", "action"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done", "due_date", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        """The action as one line of plain text, for lists and links (the page shows it formatted)."""
        return Truncator(" ".join(markdown_text(self.description).split())).chars(120)


class Feedback(models.Model):
    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_range")
        ]

    def __str__(self):
        return f"{self.consultation}: {self.rating}"
