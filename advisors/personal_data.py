"""The NGO Advisors scheme's part of a person's data (registered in apps.py)."""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from lms.personal_data import ExportFile, ExportSection, RetentionItem, delete_file, records

from .models import Consultation, OutreachRequest


def _consultation(consultation: Consultation) -> dict:
    """The outcome and follow-ups shared with the learner; never the advisor's private notes."""
    record = getattr(consultation, "record", None)
    feedback = getattr(consultation, "feedback", None)
    return {
        _("outcome"): record.get_outcome_display() if record else None,
        _("summary"): record.summary if record else None,
        _("follow-ups"): [
            {
                _("action"): f.description,
                _("due date"): f.due_date.isoformat() if f.due_date else None,
                _("done"): f.done,
            }
            for f in consultation.follow_ups.all()
        ],
        _("your feedback"): {_("rating"): feedback.rating, _("comment"): feedback.comment} if feedback else None,
    }


def export(user) -> list[ExportSection]:
    consultations = list(
        Consultation.objects.filter(learner=user)
        .select_related("advisor__user", "organization", "topic", "record", "feedback")
        .prefetch_related("follow_ups")
        .order_by("start")
    )
    sections = [
        ExportSection(
            key="advisors_consultations",
            title=_("Consultations with NGO advisors"),
            records=records(
                consultations,
                ["advisor", "organization", "topic", "mode", "question", "attachment_name", "start", "end", "status"],
                extra=_consultation,
            ),
            files=[
                ExportFile(f"{b.pk}-{b.attachment_name or 'attachment'}", b.attachment)
                for b in consultations
                if b.attachment
            ],
        ),
        ExportSection(
            key="advisors_outreach_requests",
            title=_("Outreach requests"),
            records=records(
                OutreachRequest.objects.filter(requester=user),
                [f.name for f in OutreachRequest._meta.concrete_fields if f.name not in {"id", "requester", "advisor"}],
            ),
        ),
    ]
    profile = getattr(user, "advisor_profile", None)
    if profile is not None:
        sections.append(
            ExportSection(
                key="advisors_profile",
                title=_("Your advisor profile"),
                records=records([profile], ["headline", "bio", "office", "languages", "time_zone", "is_active"]),
            )
        )
    return sections


def erase(user) -> None:
    """Consultations stay (they are programme statistics) without the question, attachment or feedback text."""
    for consultation in Consultation.objects.filter(learner=user).exclude(attachment=""):
        delete_file(consultation.attachment)
    Consultation.objects.filter(learner=user).update(question="", attachment="", attachment_name="", cancel_reason="")
    from .models import Feedback

    Feedback.objects.filter(consultation__learner=user).update(comment="")
    profile = getattr(user, "advisor_profile", None)
    if profile is not None:
        profile.is_active = False
        profile.accepting_consultations = False
        profile.headline = ""
        profile.bio = ""
        profile.photo = None
        profile.save()


def retention(now, dry_run: bool) -> list[RetentionItem]:
    """Consultation attachments go a configured time after the consultation ended; the consultation stays."""
    cutoff = now - timedelta(days=settings.LMS_RETENTION_BOOKING_ATTACHMENT_DAYS)
    items = []
    for consultation in (
        Consultation.objects.filter(end__lt=cutoff).exclude(attachment="").exclude(status__in=Consultation.OPEN)
    ):
        items.append(
            RetentionItem(_("consultation attachment"), f"Consultation {consultation.pk}", consultation.attachment.name)
        )
        if not dry_run:
            delete_file(consultation.attachment)
            Consultation.objects.filter(pk=consultation.pk).update(attachment="")
    return items
