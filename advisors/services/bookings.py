"""Bookings: creating, moving and every change of a consultation's state.

Booking, rescheduling and anything else that takes advisor time run the same way:
take the advisor's row lock (an UPDATE, which on SQLite also takes the database's
write lock, so check and insert are serialized there), re-check the rules against
the database, then write. On PostgreSQL exclusion constraints are the final word;
a conflict, deadlock or serialization failure becomes "This time was just taken".
"""

from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.locking import lock
from lms.markdown import clean_markdown
from organizations.models import CapacityArea, Membership, Organization

from .. import availability, notifications
from ..models import AdvisorProfile, Booking
from ..tasks import schedule_reminder

CONFLICT_SQLSTATES = {"40001", "40P01", "55P03", "23P01"}


def taken_message() -> str:
    return _("This time was just taken. Please choose another slot.")


def _is_conflict(error: Exception) -> bool:
    if isinstance(error, IntegrityError):
        return True
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in CONFLICT_SQLSTATES:
        return True
    return "database is locked" in str(error)


@contextmanager
def _collision_guard():
    """Turn database conflicts into the message the user should see, never a 500."""
    try:
        yield
    except (IntegrityError, OperationalError) as error:
        if not _is_conflict(error):
            raise
        raise ServiceError(taken_message())


def _lock_advisor(advisor: AdvisorProfile) -> None:
    AdvisorProfile.objects.filter(pk=advisor.pk).update(lock_version=F("lock_version") + 1)


def _check_time(*, advisor: AdvisorProfile, learner, start: datetime, exclude: Booking | None = None) -> datetime:
    """Re-check a start time against the rules and the database; return the end."""
    end = start + timedelta(minutes=advisor.slot_minutes)
    ctx = availability.load_context(advisor, start=start, end=end, exclude_booking=exclude)
    problem = availability.slot_problem(ctx, start)
    if problem:
        raise ServiceError(problem)
    clashes = Booking.objects.filter(learner=learner, start__lt=end, end__gt=start).exclude(status__in=Booking.INACTIVE)
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude.pk)
    if clashes.exists():
        raise ServiceError(_("You already have a consultation at that time."))
    return end


def _arrangements(advisor: AdvisorProfile, mode: str) -> str:
    return {
        "online": advisor.meeting_link,
        "phone": advisor.phone_arrangement,
        "in_person": advisor.room or advisor.office,
        "email": _("The advisor will answer by email at %(email)s.") % {"email": advisor.user.email},
    }.get(mode, "")


def booking_create(
    *,
    advisor: AdvisorProfile,
    learner,
    organization: Organization,
    topic: CapacityArea,
    mode: str,
    question: str,
    start: datetime,
    attachment=None,
    follow_up_of: Booking | None = None,
) -> Booking:
    if not Membership.objects.filter(user=learner, organization=organization).exists():
        raise ServiceError(_("You can book only for an organization you belong to."))
    if advisor.user_id == learner.pk:
        raise ServiceError(_("You cannot book a consultation with yourself."))
    if mode not in dict(advisor.modes):
        raise ServiceError(_("This advisor does not offer that kind of consultation."))
    if follow_up_of is not None and (follow_up_of.learner_id != learner.pk or follow_up_of.advisor_id != advisor.pk):
        follow_up_of = None
    with _collision_guard(), transaction.atomic():
        _lock_advisor(advisor)
        end = _check_time(advisor=advisor, learner=learner, start=start)
        status = Booking.Status.CONFIRMED if advisor.auto_confirm else Booking.Status.PENDING
        booking = Booking(
            advisor=advisor,
            learner=learner,
            organization=organization,
            topic=topic,
            mode=mode,
            question=clean_markdown(question),
            start=start,
            end=end,
            status=status,
            follow_up_of=follow_up_of,
            arrangements=_arrangements(advisor, mode),
        )
        if attachment:
            booking.attachment_name = attachment.name[:200]
            booking.attachment = attachment
        booking.save()
        notifications.booking_requested(booking)
        if status == Booking.Status.CONFIRMED:
            schedule_reminder(booking)
    return booking


def _locked(booking: Booking) -> Booking:
    """The booking re-read under its row lock: every transition re-checks what is really there."""
    return lock(booking)


def _require_advisor(booking: Booking, user) -> None:
    if booking.advisor.user_id != user.pk and not user.is_programme_staff:
        raise ServiceError(_("Only the advisor can do this."))


@transaction.atomic
def booking_confirm(*, booking: Booking, by, arrangements: str = "") -> Booking:
    _require_advisor(booking, by)
    booking = _locked(booking)
    if booking.status != Booking.Status.PENDING:
        raise ServiceError(_("Only a waiting request can be confirmed."))
    if booking.start <= timezone.now():
        raise ServiceError(_("This request is in the past and can no longer be confirmed."))
    booking.status = Booking.Status.CONFIRMED
    if arrangements.strip():
        booking.arrangements = arrangements.strip()
    booking.sequence += 1
    booking.save(update_fields=["status", "arrangements", "sequence", "updated_at"])
    notifications.booking_confirmed(booking)
    schedule_reminder(booking)
    return booking


@transaction.atomic
def booking_decline(*, booking: Booking, by, reason: str) -> Booking:
    _require_advisor(booking, by)
    booking = _locked(booking)
    if booking.status != Booking.Status.PENDING:
        raise ServiceError(_("Only a waiting request can be declined."))
    if not reason.strip():
        raise ServiceError(_("Please give the learner a reason."))
    booking.status = Booking.Status.DECLINED
    booking.decline_reason = reason.strip()
    booking.sequence += 1
    booking.save(update_fields=["status", "decline_reason", "sequence", "updated_at"])
    notifications.booking_declined(booking)
    return booking


def can_cancel(booking: Booking, user, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if not booking.is_open or booking.end <= now:
        return False
    if booking.advisor.user_id == user.pk or user.is_programme_staff:
        return True
    return booking.learner_id == user.pk and now < booking.cancellation_deadline


@transaction.atomic
def booking_cancel(*, booking: Booking, by, reason: str) -> Booking:
    if booking.learner_id != by.pk and booking.advisor.user_id != by.pk and not by.is_programme_staff:
        raise ServiceError(_("You cannot cancel this consultation."))
    booking = _locked(booking)
    if not reason.strip():
        raise ServiceError(_("Please give a reason for cancelling."))
    if not can_cancel(booking, by):
        if booking.is_open and booking.learner_id == by.pk:
            raise ServiceError(
                _("The cancellation deadline has passed; please contact the advisor (%(email)s).")
                % {"email": booking.advisor.user.email}
            )
        raise ServiceError(_("This consultation can no longer be cancelled."))
    booking.status = Booking.Status.CANCELLED
    booking.cancel_reason = reason.strip()
    booking.cancelled_by = by
    booking.cancelled_at = timezone.now()
    booking.sequence += 1
    booking.save(update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at", "sequence", "updated_at"])
    notifications.booking_cancelled(booking)
    return booking


def booking_reschedule(*, booking: Booking, by, start: datetime) -> Booking:
    """Move a booking in one step: the old time is freed only when the new one is held."""
    is_advisor = booking.advisor.user_id == by.pk or by.is_programme_staff
    if booking.learner_id != by.pk and not is_advisor:
        raise ServiceError(_("You cannot reschedule this consultation."))
    with _collision_guard(), transaction.atomic():
        _lock_advisor(booking.advisor)
        booking = _locked(booking)
        if not can_cancel(booking, by):
            raise ServiceError(_("This consultation can no longer be rescheduled."))
        if start == booking.start:
            raise ServiceError(_("Please choose a different time."))
        old_start = booking.start
        end = _check_time(advisor=booking.advisor, learner=booking.learner, start=start, exclude=booking)
        booking.start, booking.end = start, end
        booking.sequence += 1
        booking.reschedule_count += 1
        booking.reminder_sent_at = None
        if not is_advisor and not booking.advisor.auto_confirm:
            booking.status = Booking.Status.PENDING
        booking.save(
            update_fields=["start", "end", "sequence", "reschedule_count", "reminder_sent_at", "status", "updated_at"]
        )
        notifications.booking_rescheduled(booking, old_start=old_start)
        if booking.status == Booking.Status.CONFIRMED:
            schedule_reminder(booking)
    return booking


@transaction.atomic
def booking_mark_no_show(*, booking: Booking, by) -> Booking:
    _require_advisor(booking, by)
    booking = _locked(booking)
    if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.NO_SHOW) or booking.start > timezone.now():
        raise ServiceError(_("Only a confirmed consultation that has started can be marked as a no-show."))
    booking.status = Booking.Status.NO_SHOW
    booking.save(update_fields=["status", "updated_at"])
    return booking
