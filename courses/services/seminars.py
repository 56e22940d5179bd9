"""Seminar registration with a fair waitlist, cancellation, attendance, feedback and messages to registrants.

Every seat decision holds the session's row lock, and the database's constraints hold even without it:
capacity is never over-allocated, and the losing request gets a clear message.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import personal_cache
from lms.email import send_templated_email
from lms.errors import ServiceError
from lms.locking import lock
from organizations.models import Membership, Organization, User
from organizations.selectors import is_manager

from ..models import SeminarRegistration, SeminarSession, SessionFeedback, SessionMessage
from .seminar_notices import _notify


def can_manage_seminar(user, seminar) -> bool:
    """Programme staff and the seminar's organizers run registrations and attendance."""
    if not user.is_authenticated:
        return False
    return user.is_programme_staff or seminar.organizers.filter(pk=user.pk).exists()


def default_organization_for(user: User) -> Organization | None:
    membership = Membership.objects.filter(user=user).select_related("organization").order_by("joined_at").first()
    return membership.organization if membership else None


def _lock_session(session):
    # Every seat decision for a session happens while holding this row lock (PostgreSQL),
    # so simultaneous requests are decided one after another.
    return SeminarSession.objects.select_for_update().select_related("seminar").get(pk=session.pk)


def _free_seat(session) -> int | None:
    taken = set(session.registrations.filter(seat__isnull=False).values_list("seat", flat=True))
    return next((seat for seat in range(1, session.capacity + 1) if seat not in taken), None)


def registration_refusal(*, session, user, registered_by, organization) -> str:
    now = timezone.now()
    if not registered_by.is_authenticated:
        return _("Sign in to register.")
    if not session.seminar.live:
        return _("This seminar is not published.")
    if session.is_cancelled:
        return _("This session has been cancelled.")
    if session.starts_at <= now:
        return _("This session has already started.")
    if session.registration_opens_at and now < session.registration_opens_at:
        return _("Registration has not opened yet.")
    if now >= session.deadline:
        return _("Registration for this session has closed.")
    if organization is not None and not Membership.objects.filter(user=user, organization=organization).exists():
        return _("The participant is not a member of that organization.")
    if registered_by.pk != user.pk and (organization is None or not is_manager(registered_by, organization)):
        return _("You can only register staff of an organization you manage.")
    return ""


@transaction.atomic
def registration_create(*, session, user: User, registered_by: User | None = None, organization=None):
    """Confirm a seat while any are free, otherwise join the waitlist in order of request."""
    registered_by = registered_by or user
    refusal = registration_refusal(session=session, user=user, registered_by=registered_by, organization=organization)
    if refusal:
        raise ServiceError(refusal)
    session = _lock_session(session)
    live = session.registrations.filter(user=user, status__in=["confirmed", "waitlisted"]).first()
    if live is not None:
        if live.is_confirmed:
            raise ServiceError(_("%(name)s already has a seat at this session.") % {"name": user})
        raise ServiceError(_("%(name)s is already on the waitlist for this session.") % {"name": user})
    previous = session.registrations.filter(user=user).aggregate(n=Max("ics_sequence"))["n"]
    seat = _free_seat(session)
    now = timezone.now()
    try:
        with transaction.atomic():
            registration = SeminarRegistration.objects.create(
                session=session,
                user=user,
                organization=organization or default_organization_for(user),
                registered_by=registered_by,
                status=SeminarRegistration.Status.CONFIRMED if seat else SeminarRegistration.Status.WAITLISTED,
                seat=seat,
                requested_at=now,
                confirmed_at=now if seat else None,
                ics_sequence=(previous + 1) if previous is not None else 0,
            )
    except IntegrityError:
        # Another request took the seat or registered the same person in the same instant.
        raise ServiceError(_("Many people are registering at this moment. Please try again."))
    if registration.is_confirmed:
        _notify(registration, "seminar_confirmed")
    else:
        _notify(registration, "seminar_waitlisted", invite=False, extra={"position": waitlist_position(registration)})
    return registration


def waitlist_position(registration) -> int:
    if not registration.is_waitlisted:
        return 0
    ahead = SeminarRegistration.objects.filter(
        session_id=registration.session_id, status=SeminarRegistration.Status.WAITLISTED
    ).filter(
        Q(requested_at__lt=registration.requested_at)
        | Q(requested_at=registration.requested_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def can_cancel_registration(*, registration, user) -> bool:
    if not user.is_authenticated:
        return False
    if user.pk in (registration.user_id, registration.registered_by_id) or user.is_programme_staff:
        return True
    if registration.organization_id and is_manager(user, registration.organization):
        return True
    return can_manage_seminar(user, registration.session.seminar)


@transaction.atomic
def registration_cancel(*, registration, by: User):
    """Cancel; a freed seat goes to the first person on the waitlist, who is told by email."""
    if not can_cancel_registration(registration=registration, user=by):
        raise ServiceError(_("You cannot cancel this registration."))
    session = _lock_session(registration.session)
    registration = lock(registration)
    if not registration.is_live:
        raise ServiceError(_("This registration is already cancelled."))
    now = timezone.now()
    organizer = by.is_programme_staff or can_manage_seminar(by, session.seminar)
    if now >= session.deadline and not organizer:
        raise ServiceError(_("The deadline for cancelling has passed. Please contact the organizers."))
    was_confirmed = registration.is_confirmed
    registration.status = SeminarRegistration.Status.CANCELLED
    registration.seat = None
    registration.cancelled_at = now
    if was_confirmed:
        registration.ics_sequence += 1
    registration.save(update_fields=["status", "seat", "cancelled_at", "ics_sequence"])
    registration.session = session
    _notify(registration, "seminar_cancelled", cancel=True, invite=was_confirmed)
    if was_confirmed and session.starts_at > now:
        promote_from_waitlist(session=session)
    return registration


def promote_from_waitlist(*, session) -> list:
    """Fill free seats from the waitlist in order of request. Call with the session locked."""
    promoted = []
    while True:
        seat = _free_seat(session)
        if seat is None:
            break
        nxt = (
            session.registrations.filter(status=SeminarRegistration.Status.WAITLISTED)
            .select_related("user")
            .order_by("requested_at", "id")
            .first()
        )
        if nxt is None:
            break
        nxt.status = SeminarRegistration.Status.CONFIRMED
        nxt.seat = seat
        nxt.confirmed_at = timezone.now()
        nxt.save(update_fields=["status", "seat", "confirmed_at"])
        nxt.session = session
        _notify(nxt, "seminar_promoted")
        promoted.append(nxt)
    return promoted


@transaction.atomic
def attendance_mark(*, session, by: User, attended_ids: set[int]) -> int:
    """Bulk: every confirmed registrant is marked present (in ``attended_ids``) or absent."""
    if not can_manage_seminar(by, session.seminar):
        raise ServiceError(_("Only the organizers and programme staff may mark attendance."))
    if session.starts_at > timezone.now():
        raise ServiceError(_("Attendance can be marked once the session has started."))
    confirmed = SeminarRegistration.objects.filter(session=session, status=SeminarRegistration.Status.CONFIRMED)
    unknown = set(attended_ids) - set(confirmed.values_list("id", flat=True))
    if unknown:
        raise ServiceError(_("The list of participants has changed. Reload the page and try again."))
    now = timezone.now()
    if personal_cache.enabled():  # a bulk update sends no signal
        for user_id in confirmed.values_list("user_id", flat=True):
            personal_cache.person_changed(user_id)
    present = confirmed.filter(pk__in=attended_ids).update(
        attended=True, attendance_marked_at=now, attendance_marked_by=by
    )
    confirmed.exclude(pk__in=attended_ids).update(attended=False, attendance_marked_at=now, attendance_marked_by=by)
    return present


@transaction.atomic
def feedback_submit(*, registration, user: User, rating: int, comments: str = ""):
    if registration.user_id != user.pk:
        raise ServiceError(_("You can only give feedback on your own registration."))
    if not registration.is_confirmed or registration.attended is False:
        raise ServiceError(_("Feedback is for people who took part in the session."))
    if registration.session.ends_at > timezone.now():
        raise ServiceError(_("You can give feedback once the session has ended."))
    if not 1 <= int(rating) <= 5:
        raise ServiceError(_("Choose a rating from 1 to 5."))
    feedback, _created = SessionFeedback.objects.update_or_create(
        registration=registration, defaults={"rating": int(rating), "comments": comments.strip()}
    )
    return feedback


@transaction.atomic
def session_message_send(*, session, by: User, audience: str, subject: str, body: str):
    if not can_manage_seminar(by, session.seminar):
        raise ServiceError(_("Only the organizers and programme staff may message registrants."))
    statuses = {
        SessionMessage.Audience.CONFIRMED: ["confirmed"],
        SessionMessage.Audience.WAITLISTED: ["waitlisted"],
        SessionMessage.Audience.ALL: ["confirmed", "waitlisted"],
    }[audience]
    recipients = [
        r.user for r in SeminarRegistration.objects.filter(session=session, status__in=statuses).select_related("user")
    ]
    if not recipients:
        raise ServiceError(_("No one matches; nothing was sent."))
    message = SessionMessage.objects.create(
        session=session, sender=by, audience=audience, subject=subject, body=body, recipient_count=len(recipients)
    )
    send_templated_email(
        to=recipients,
        template="courses/seminar_message",
        context={"message": message, "session": session, "seminar": session.seminar},
    )
    return message
