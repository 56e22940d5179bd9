"""After a consultation: the advisor's record (the consultation then counts as held), follow-ups and feedback."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import personal_cache
from lms.errors import ServiceError
from lms.locking import lock
from lms.markdown import clean_markdown, has_text

from ..models import Consultation, ConsultationRecord, Feedback, FollowUp
from .consultations import _locked, _require_advisor


@transaction.atomic
def record_save(
    *,
    consultation: Consultation,
    by,
    outcome: str,
    summary: str,
    private_notes: str = "",
    follow_ups: Iterable[tuple[str, date | None]] = (),
) -> ConsultationRecord:
    """Write (or correct) the record; the consultation then counts as held."""
    _require_advisor(consultation, by)
    consultation = _locked(consultation)
    if consultation.status not in (
        Consultation.Status.CONFIRMED,
        Consultation.Status.COMPLETED,
        Consultation.Status.NO_SHOW,
    ):
        raise ServiceError(_("Only a confirmed consultation can be recorded."))
    if consultation.start > timezone.now():
        raise ServiceError(_("The consultation has not taken place yet."))
    record, _created = ConsultationRecord.objects.update_or_create(
        consultation=consultation,
        defaults={
            "outcome": outcome,
            "summary": clean_markdown(summary),
            "private_notes": clean_markdown(private_notes),
        },
    )
    FollowUp.objects.bulk_create(
        [
            FollowUp(consultation=consultation, description=clean_markdown(text), due_date=due)
            for text, due in follow_ups
            if has_text(text)
        ]
    )
    personal_cache.person_changed(consultation.learner_id)  # the follow-ups: a bulk create sends no signal
    if consultation.status != Consultation.Status.COMPLETED:
        consultation.status = Consultation.Status.COMPLETED
        consultation.save(update_fields=["status", "updated_at"])
    return record


@transaction.atomic
def follow_up_set_done(*, follow_up: FollowUp, by, done: bool) -> FollowUp:
    consultation = follow_up.consultation
    if consultation.learner_id != by.pk and consultation.advisor.user_id != by.pk and not by.is_programme_staff:
        raise ServiceError(_("You cannot change this follow-up."))
    follow_up = lock(follow_up)
    follow_up.done = done
    follow_up.save(update_fields=["done"])
    return follow_up


@transaction.atomic
def feedback_create(*, consultation: Consultation, by, rating: int, comment: str = "") -> Feedback:
    if consultation.learner_id != by.pk:
        raise ServiceError(_("Only the person who booked can rate this consultation."))
    consultation = _locked(consultation)
    if consultation.status != Consultation.Status.COMPLETED:
        raise ServiceError(_("You can rate a consultation once the advisor has recorded it."))
    if not 1 <= rating <= 5:
        raise ServiceError(_("Please choose a rating from 1 to 5."))
    if Feedback.objects.filter(consultation=consultation).exists():
        raise ServiceError(_("You have already rated this consultation."))
    return Feedback.objects.create(consultation=consultation, rating=rating, comment=comment.strip())
