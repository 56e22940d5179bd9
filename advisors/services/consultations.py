"""Consultations: creating, moving and every change of a consultation's state.

Consultation, rescheduling and anything else that takes advisor time run the same way:
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
from ..models import AdvisorProfile, Consultation
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


def _check_time(*, advisor: AdvisorProfile, learner, start: datetime, exclude: Consultation | None = None) -> datetime:
    """Re-check a start time against the rules and the database; return the end."""
    end = start + timedelta(minutes=advisor.slot_minutes)
    ctx = availability.load_context(advisor, start=start, end=end, exclude_consultation=exclude)
    problem = availability.slot_problem(ctx, start)
    if problem:
        raise ServiceError(problem)
    clashes = Consultation.objects.filter(learner=learner, start__lt=end, end__gt=start).exclude(
        status__in=Consultation.INACTIVE
    )
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


def consultation_create(
    *,
    advisor: AdvisorProfile,
    learner,
    organization: Organization,
    topic: CapacityArea,
    mode: str,
    question: str,
    start: datetime,
    attachment=None,
    follow_up_of: Consultation | None = None,
) -> Consultation:
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
        status = Consultation.Status.CONFIRMED if advisor.auto_confirm else Consultation.Status.PENDING
        consultation = Consultation(
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
            consultation.attachment_name = attachment.name[:200]
            consultation.attachment = attachment
        consultation.save()
        notifications.consultation_requested(consultation)
        if status == Consultation.Status.CONFIRMED:
            schedule_reminder(consultation)
    return consultation


def _locked(consultation: Consultation) -> Consultation:
    """The consultation re-read under its row lock: every transition re-checks what is really there."""
    return lock(consultation)


def _require_advisor(consultation: Consultation, user) -> None:
    if consultation.advisor.user_id != user.pk and not user.is_programme_staff:
        raise ServiceError(_("Only the advisor can do this."))


@transaction.atomic
def consultation_confirm(*, consultation: Consultation, by, arrangements: str = "") -> Consultation:
    _require_advisor(consultation, by)
    consultation = _locked(consultation)
    if consultation.status != Consultation.Status.PENDING:
        raise ServiceError(_("Only a waiting request can be confirmed."))
    if consultation.start <= timezone.now():
        raise ServiceError(_("This request is in the past and can no longer be confirmed."))
    consultation.status = Consultation.Status.CONFIRMED
    if arrangements.strip():
        consultation.arrangements = arrangements.strip()
    consultation.sequence += 1
    consultation.save(update_fields=["status", "arrangements", "sequence", "updated_at"])
    notifications.consultation_confirmed(consultation)
    schedule_reminder(consultation)
    return consultation


@transaction.atomic
def consultation_decline(*, consultation: Consultation, by, reason: str) -> Consultation:
    _require_advisor(consultation, by)
    consultation = _locked(consultation)
    if consultation.status != Consultation.Status.PENDING:
        raise ServiceError(_("Only a waiting request can be declined."))
    if not reason.strip():
        raise ServiceError(_("Please give the learner a reason."))
    consultation.status = Consultation.Status.DECLINED
    consultation.decline_reason = reason.strip()
    consultation.sequence += 1
    consultation.save(update_fields=["status", "decline_reason", "sequence", "updated_at"])
    notifications.consultation_declined(consultation)
    return consultation


def can_cancel(consultation: Consultation, user, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if not consultation.is_open or consultation.end <= now:
        return False
    if consultation.advisor.user_id == user.pk or user.is_programme_staff:
        return True
    return consultation.learner_id == user.pk and now < consultation.cancellation_deadline


@transaction.atomic
def consultation_cancel(*, consultation: Consultation, by, reason: str) -> Consultation:
    if consultation.learner_id != by.pk and consultation.advisor.user_id != by.pk and not by.is_programme_staff:
        raise ServiceError(_("You cannot cancel this consultation."))
    consultation = _locked(consultation)
    if not reason.strip():
        raise ServiceError(_("Please give a reason for cancelling."))
    if not can_cancel(consultation, by):
        if consultation.is_open and consultation.learner_id == by.pk:
            raise ServiceError(
                _("The cancellation deadline has passed; please contact the advisor (%(email)s).")
                % {"email": consultation.advisor.user.email}
            )
        raise ServiceError(_("This consultation can no longer be cancelled."))
    consultation.status = Consultation.Status.CANCELLED
    consultation.cancel_reason = reason.strip()
    consultation.cancelled_by = by
    consultation.cancelled_at = timezone.now()
    consultation.sequence += 1
    consultation.save(
        update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at", "sequence", "updated_at"]
    )
    notifications.consultation_cancelled(consultation)
    return consultation


def consultation_reschedule(*, consultation: Consultation, by, start: datetime) -> Consultation:
    """Move a consultation in one step: the old time is freed only when the new one is held."""
    is_advisor = consultation.advisor.user_id == by.pk or by.is_programme_staff
    if consultation.learner_id != by.pk and not is_advisor:
        raise ServiceError(_("You cannot reschedule this consultation."))
    with _collision_guard(), transaction.atomic():
        _lock_advisor(consultation.advisor)
        consultation = _locked(consultation)
        if not can_cancel(consultation, by):
            raise ServiceError(_("This consultation can no longer be rescheduled."))
        if start == consultation.start:
            raise ServiceError(_("Please choose a different time."))
        old_start = consultation.start
        end = _check_time(advisor=consultation.advisor, learner=consultation.learner, start=start, exclude=consultation)
        consultation.start, consultation.end = start, end
        consultation.sequence += 1
        consultation.reschedule_count += 1
        consultation.reminder_sent_at = None
        if not is_advisor and not consultation.advisor.auto_confirm:
            consultation.status = Consultation.Status.PENDING
        consultation.save(
            update_fields=["start", "end", "sequence", "reschedule_count", "reminder_sent_at", "status", "updated_at"]
        )
        notifications.consultation_rescheduled(consultation, old_start=old_start)
        if consultation.status == Consultation.Status.CONFIRMED:
            schedule_reminder(consultation)
    return consultation


@transaction.atomic
def consultation_mark_no_show(*, consultation: Consultation, by) -> Consultation:
    _require_advisor(consultation, by)
    consultation = _locked(consultation)
    if (
        consultation.status not in (Consultation.Status.CONFIRMED, Consultation.Status.NO_SHOW)
        or consultation.start > timezone.now()
    ):
        raise ServiceError(_("Only a confirmed consultation that has started can be marked as a no-show."))
    consultation.status = Consultation.Status.NO_SHOW
    consultation.save(update_fields=["status", "updated_at"])
    return consultation
