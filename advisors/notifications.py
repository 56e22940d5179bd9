"""Emails and RFC 5545 invitations for consultations.

Every message goes through ``lms.email`` (rendered per recipient, queued after
commit). The invitation keeps one UID per booking and carries the booking's
SEQUENCE, which services increment on every change, so calendars update in place.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.calendar import CalendarEvent, calendar_links, invitation_attachment
from lms.email import EmailKind, absolute_url, send_templated_email

from .models import Booking


def calendar_event(booking: Booking) -> CalendarEvent:
    advisor_user = booking.advisor.user
    if booking.status in Booking.INACTIVE:
        status = "CANCELLED"
    elif booking.status == Booking.Status.PENDING:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    location = booking.arrangements if booking.status != Booking.Status.PENDING else ""
    return CalendarEvent(
        uid=f"consultation-{booking.uid}@ngo-lms",
        start=booking.start,
        end=booking.end,
        summary=_("Consultation: %(topic)s (%(advisor)s / %(learner)s)")
        % {"topic": booking.topic.name, "advisor": advisor_user, "learner": booking.learner},
        description=booking.get_mode_display(),
        location=location,
        url=absolute_url(reverse("advisors:consultation", kwargs={"pk": booking.pk})),
        sequence=booking.sequence,
        status=status,
        attendee_emails=(booking.learner.email, advisor_user.email),
    )


def _send(booking: Booking, *, to, template: str, cancel: bool = False, extra: dict | None = None) -> None:
    event = calendar_event(booking)
    links = None if cancel else calendar_links(event, kind="consultation", pk=booking.pk, absolute=True)
    send_templated_email(
        to=to,
        template=f"advisors/{template}",
        context={
            "booking": booking,
            "advisor": booking.advisor,
            "url": absolute_url(reverse("advisors:consultation", kwargs={"pk": booking.pk})),
            "calendar_links": links,
            **(extra or {}),
        },
        attachments=[invitation_attachment(event, cancel=cancel)],
        kind=EmailKind.REMINDERS if template.endswith("_reminder") else EmailKind.ESSENTIAL,
    )


def booking_requested(booking: Booking) -> None:
    """To the advisor (a request to answer, or a confirmed booking) and the learner."""
    _send(booking, to=booking.advisor.user, template="booking_new_advisor")
    _send(booking, to=booking.learner, template="booking_new_learner")


def booking_confirmed(booking: Booking) -> None:
    _send(booking, to=booking.learner, template="booking_confirmed")


def booking_declined(booking: Booking) -> None:
    _send(booking, to=booking.learner, template="booking_declined", cancel=True)


def booking_cancelled(booking: Booking) -> None:
    _send(booking, to=[booking.learner, booking.advisor.user], template="booking_cancelled", cancel=True)


def booking_rescheduled(booking: Booking, *, old_start) -> None:
    _send(
        booking,
        to=[booking.learner, booking.advisor.user],
        template="booking_rescheduled",
        extra={"old_start": old_start},
    )


def booking_reminder(booking: Booking) -> None:
    _send(booking, to=[booking.learner, booking.advisor.user], template="booking_reminder")
