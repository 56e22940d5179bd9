"""Writes for advisors and consultations.

Booking, rescheduling and anything else that takes advisor time run the same way:
take the advisor's row lock (an UPDATE, which on SQLite also takes the database's
write lock, so check and insert are serialized there), re-check the rules against
the database, then write. On PostgreSQL exclusion constraints are the final word;
a conflict, deadlock or serialization failure becomes "This time was just taken".
"""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from lms.locking import lock
from lms.markdown import clean_markdown, has_text
from organizations.models import CapacityArea, Membership, Organization

from . import availability, notifications
from .models import (
    AdvisorProfile,
    BlockedPeriod,
    Booking,
    ConsultationRecord,
    DateOverride,
    Feedback,
    FollowUp,
    HolidayOpening,
    OutreachRequest,
    WeeklyRule,
)
from .tasks import schedule_reminder

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


# Availability -------------------------------------------------------------------------------


@transaction.atomic
def weekly_rule_add(*, advisor: AdvisorProfile, weekday: int, start_time: time, end_time: time) -> WeeklyRule:
    if end_time <= start_time:
        raise ServiceError(_("The end must be after the start."))
    overlapping = WeeklyRule.objects.filter(
        advisor=advisor, weekday=weekday, start_time__lt=end_time, end_time__gt=start_time
    )
    if overlapping.exists():
        raise ServiceError(_("This overlaps another window on the same day."))
    return WeeklyRule.objects.create(advisor=advisor, weekday=weekday, start_time=start_time, end_time=end_time)


@transaction.atomic
def date_override_add(
    *, advisor: AdvisorProfile, day: date, start_time: time | None, end_time: time | None, note: str = ""
) -> DateOverride:
    if (start_time is None) != (end_time is None):
        raise ServiceError(_("Give both times, or neither to close the day."))
    if start_time is not None and end_time <= start_time:
        raise ServiceError(_("The end must be after the start."))
    return DateOverride.objects.create(advisor=advisor, date=day, start_time=start_time, end_time=end_time, note=note)


@transaction.atomic
def blocked_period_add(*, advisor: AdvisorProfile, start: datetime, end: datetime, reason: str = "") -> BlockedPeriod:
    if end <= start:
        raise ServiceError(_("The end must be after the start."))
    return BlockedPeriod.objects.create(advisor=advisor, start=start, end=end, reason=reason)


@transaction.atomic
def holiday_open(*, advisor: AdvisorProfile, day: date) -> HolidayOpening:
    """Work on a national holiday after all: the weekly hours apply that day."""
    from .closures import national_holidays

    AdvisorProfile.objects.select_for_update().get(pk=advisor.pk)
    if day not in national_holidays(advisor.holiday_country, day, day):
        raise ServiceError(_("That date is not a national holiday in your calendar."))
    if HolidayOpening.objects.filter(advisor=advisor, date=day).exists():
        raise ServiceError(_("That holiday is already open for bookings."))
    return HolidayOpening.objects.create(advisor=advisor, date=day)


@transaction.atomic
def holiday_close(*, advisor: AdvisorProfile, day: date) -> None:
    """Close an opened holiday again; bookings already made that day stay."""
    AdvisorProfile.objects.select_for_update().get(pk=advisor.pk)
    deleted, _rows = HolidayOpening.objects.filter(advisor=advisor, date=day).delete()
    if not deleted:
        raise ServiceError(_("That holiday is already closed."))


# Outreach -----------------------------------------------------------------------------------


@transaction.atomic
def outreach_assign(*, request: OutreachRequest, advisor: AdvisorProfile, by) -> OutreachRequest:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff assign advisors."))
    request = lock(request)
    if request.status not in (OutreachRequest.Status.REQUESTED, OutreachRequest.Status.ASSIGNED):
        raise ServiceError(_("This request has already been confirmed."))
    request.advisor = advisor
    request.status = OutreachRequest.Status.ASSIGNED
    request.save(update_fields=["advisor", "status"])
    return request


@transaction.atomic
def outreach_confirm(*, request: OutreachRequest, by) -> OutreachRequest:
    request = lock(request)
    if request.advisor is None or request.advisor.user_id != by.pk:
        raise ServiceError(_("Only the assigned advisor can confirm."))
    if request.status != OutreachRequest.Status.ASSIGNED:
        raise ServiceError(_("This request is not waiting for your confirmation."))
    request.status = OutreachRequest.Status.CONFIRMED
    request.save(update_fields=["status"])
    return request


@transaction.atomic
def outreach_report(*, request: OutreachRequest, by, attendance: int, topics_raised: str) -> OutreachRequest:
    request = lock(request)
    if request.advisor is None or request.advisor.user_id != by.pk:
        raise ServiceError(_("Only the assigned advisor can report."))
    if request.status not in (OutreachRequest.Status.CONFIRMED, OutreachRequest.Status.REPORTED):
        raise ServiceError(_("Confirm the visit before reporting on it."))
    if request.event_date > timezone.localdate():
        raise ServiceError(_("You can report once the event has taken place."))
    request.attendance = attendance
    request.topics_raised = topics_raised.strip()
    request.status = OutreachRequest.Status.REPORTED
    request.reported_at = timezone.now()
    request.save(update_fields=["attendance", "topics_raised", "status", "reported_at"])
    return request
