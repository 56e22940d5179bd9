"""After a consultation: the advisor's record (the consultation then counts as held), follow-ups and feedback."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.locking import lock
from lms.markdown import clean_markdown, has_text

from ..models import Booking, ConsultationRecord, Feedback, FollowUp
from .bookings import _locked, _require_advisor


@transaction.atomic
def record_save(
    *,
    booking: Booking,
    by,
    outcome: str,
    summary: str,
    private_notes: str = "",
    follow_ups: Iterable[tuple[str, date | None]] = (),
) -> ConsultationRecord:
    """Write (or correct) the record; the consultation then counts as held."""
    _require_advisor(booking, by)
    booking = _locked(booking)
    if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.COMPLETED, Booking.Status.NO_SHOW):
        raise ServiceError(_("Only a confirmed consultation can be recorded."))
    if booking.start > timezone.now():
        raise ServiceError(_("The consultation has not taken place yet."))
    record, _created = ConsultationRecord.objects.update_or_create(
        booking=booking,
        defaults={
            "outcome": outcome,
            "summary": clean_markdown(summary),
            "private_notes": clean_markdown(private_notes),
        },
    )
    FollowUp.objects.bulk_create(
        [
            FollowUp(booking=booking, description=clean_markdown(text), due_date=due)
            for text, due in follow_ups
            if has_text(text)
        ]
    )
    if booking.status != Booking.Status.COMPLETED:
        booking.status = Booking.Status.COMPLETED
        booking.save(update_fields=["status", "updated_at"])
    return record


@transaction.atomic
def follow_up_set_done(*, follow_up: FollowUp, by, done: bool) -> FollowUp:
    booking = follow_up.booking
    if booking.learner_id != by.pk and booking.advisor.user_id != by.pk and not by.is_programme_staff:
        raise ServiceError(_("You cannot change this follow-up."))
    follow_up = lock(follow_up)
    follow_up.done = done
    follow_up.save(update_fields=["done"])
    return follow_up


@transaction.atomic
def feedback_create(*, booking: Booking, learner, rating: int, comment: str = "") -> Feedback:
    if booking.learner_id != learner.pk:
        raise ServiceError(_("Only the person who booked can rate this consultation."))
    booking = _locked(booking)
    if booking.status != Booking.Status.COMPLETED:
        raise ServiceError(_("You can rate a consultation once the advisor has recorded it."))
    if not 1 <= rating <= 5:
        raise ServiceError(_("Please choose a rating from 1 to 5."))
    if Feedback.objects.filter(booking=booking).exists():
        raise ServiceError(_("You have already rated this consultation."))
    return Feedback.objects.create(booking=booking, rating=rating, comment=comment.strip())
