"""Emails and RFC 5545 invitations for consultations.

Every message goes through ``lms.email`` (rendered per recipient, queued after
commit). The invitation keeps one UID per consultation and carries the consultation's
SEQUENCE, which services increment on every change, so calendars update in place.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.calendar import CalendarEvent, calendar_links, invitation_attachment
from lms.email import EmailKind, absolute_url, send_templated_email

from .models import Consultation


def calendar_event(consultation: Consultation) -> CalendarEvent:
    advisor_user = consultation.advisor.user
    if consultation.status in Consultation.INACTIVE:
        status = "CANCELLED"
    elif consultation.status == Consultation.Status.PENDING:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    location = consultation.arrangements if consultation.status != Consultation.Status.PENDING else ""
    return CalendarEvent(
        uid=f"consultation-{consultation.uid}@ngo-lms",
        start=consultation.start,
        end=consultation.end,
        summary=_("Consultation: %(topic)s (%(advisor)s / %(learner)s)")
        % {"topic": consultation.topic.name, "advisor": advisor_user, "learner": consultation.learner},
        description=consultation.get_mode_display(),
        location=location,
        url=absolute_url(reverse("advisors:consultation", kwargs={"pk": consultation.pk})),
        sequence=consultation.sequence,
        status=status,
        attendee_emails=(consultation.learner.email, advisor_user.email),
    )


def _send(consultation: Consultation, *, to, template: str, cancel: bool = False, extra: dict | None = None) -> None:
    event = calendar_event(consultation)
    links = None if cancel else calendar_links(event, kind="consultation", pk=consultation.pk, absolute=True)
    send_templated_email(
        to=to,
        template=f"advisors/{template}",
        context={
            "consultation": consultation,
            "advisor": consultation.advisor,
            "url": absolute_url(reverse("advisors:consultation", kwargs={"pk": consultation.pk})),
            "calendar_links": links,
            **(extra or {}),
        },
        attachments=[invitation_attachment(event, cancel=cancel)],
        kind=EmailKind.REMINDERS if template.endswith("_reminder") else EmailKind.ESSENTIAL,
    )


def consultation_requested(consultation: Consultation) -> None:
    """To the advisor (a request to answer, or a confirmed consultation) and the learner."""
    _send(consultation, to=consultation.advisor.user, template="consultation_new_advisor")
    _send(consultation, to=consultation.learner, template="consultation_new_learner")


def consultation_confirmed(consultation: Consultation) -> None:
    _send(consultation, to=consultation.learner, template="consultation_confirmed")


def consultation_declined(consultation: Consultation) -> None:
    _send(consultation, to=consultation.learner, template="consultation_declined", cancel=True)


def consultation_cancelled(consultation: Consultation) -> None:
    _send(
        consultation,
        to=[consultation.learner, consultation.advisor.user],
        template="consultation_cancelled",
        cancel=True,
    )


def consultation_rescheduled(consultation: Consultation, *, old_start) -> None:
    _send(
        consultation,
        to=[consultation.learner, consultation.advisor.user],
        template="consultation_rescheduled",
        extra={"old_start": old_start},
    )


def consultation_reminder(consultation: Consultation) -> None:
    _send(consultation, to=[consultation.learner, consultation.advisor.user], template="consultation_reminder")
