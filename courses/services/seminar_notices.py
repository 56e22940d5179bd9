"""What seminar participants are sent: calendar invitations and their updates, and reminders.

An invitation keeps its UID for the life of the session and raises its SEQUENCE on each change,
so calendars update the entry they already hold.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lms.calendar import CalendarEvent, calendar_links, invitation_attachment
from lms.email import EmailKind, absolute_url, send_templated_email
from lms.translations import canonical_q

from ..models import SeminarRegistration


def _session_event(session, *, registration, status: str = "CONFIRMED"):
    seminar = session.seminar
    location = ", ".join(part for part in (session.venue, session.address) if part)
    if session.is_online:
        location = f"{location} / {session.meeting_url}" if location else session.meeting_url
    url = absolute_url(seminar.url or "/")
    return CalendarEvent(
        uid=session_uid(session),
        start=session.starts_at,
        end=session.ends_at,
        summary=session.display_title if not session.title else f"{seminar.title}: {session.title}",
        description=f"{seminar.summary}\n\n{url}",
        location=location,
        url=url,
        sequence=registration.ics_sequence,
        status=status,
        attendee_emails=(registration.user.email,),
    )


def session_uid(session) -> str:
    """Stable for the life of the session, so calendars update rather than duplicate."""
    host = settings.SITE_URL.split("://")[-1].split("/")[0].split(":")[0] or "lms"
    return f"seminar-session-{session.pk}@{host}"


def _notify(registration, template: str, *, cancel: bool = False, invite: bool = True, extra=None) -> None:

    session = registration.session
    attachments = []
    links = None
    if invite:
        event = _session_event(session, registration=registration)
        attachments.append(invitation_attachment(event, cancel=cancel))
        if not cancel:
            links = calendar_links(event, kind="session", pk=session.pk, absolute=True)
    send_templated_email(
        to=registration.user,
        template=f"courses/{template}",
        context={
            "registration": registration,
            "session": session,
            "seminar": session.seminar,
            "url": absolute_url(session.seminar.url or "/"),
            "learning_url": absolute_url("/learning/"),
            "calendar_links": links,
            **(extra or {}),
        },
        attachments=attachments,
        kind=EmailKind.REMINDERS if template.endswith("_reminder") else EmailKind.ESSENTIAL,
    )


def reminders_send(*, now=None) -> int:
    """Remind confirmed participants of sessions starting within a day; each is reminded once."""
    now = now or timezone.now()
    due = SeminarRegistration.objects.filter(
        canonical_q("session__seminar"),
        status=SeminarRegistration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__is_cancelled=False,
        session__starts_at__gt=now,
        session__starts_at__lte=now + timedelta(days=1),
    ).select_related("user", "session__seminar")
    sent = 0
    for registration in due:
        with transaction.atomic():
            # Claim the reminder first so two workers never send it twice.
            claimed = SeminarRegistration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True, status=SeminarRegistration.Status.CONFIRMED
            ).update(reminder_sent_at=now)
            if claimed:
                _notify(registration, "seminar_reminder", invite=False)
                sent += 1
    return sent


@transaction.atomic
def session_changed(*, session) -> int:
    """After editors move, relocate or cancel a session: send each confirmed participant an update.

    The invitation keeps its UID and gets a higher SEQUENCE, so calendars update the
    existing entry (or remove it, for a cancelled session) instead of adding a new one.
    """
    registrations = list(
        SeminarRegistration.objects.select_for_update()
        .filter(session=session, status=SeminarRegistration.Status.CONFIRMED)
        .select_related("user")
    )
    for registration in registrations:
        registration.ics_sequence += 1
        registration.save(update_fields=["ics_sequence"])
        registration.session = session
        template = "seminar_session_cancelled" if session.is_cancelled else "seminar_updated"
        _notify(registration, template, cancel=session.is_cancelled)
    return len(registrations)
