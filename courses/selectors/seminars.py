"""Seminars: listings and pages with seat counts, rosters for organizers, a learner's registrations, calendar events.

Seats are always counted on the canonical page's sessions, also when a translation is shown.
"""

from collections import defaultdict
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.home import once
from lms.translations import canonical, canonical_map, canonical_q

from ..models import SeminarPage, SeminarRegistration, SeminarSession, SessionFeedback

LIVE = ("confirmed", "waitlisted")


def sessions_with_counts(*, organizations: QuerySet | None = None) -> QuerySet[SeminarSession]:
    """Seats taken, waitlist and attendance per session; with ``organizations``, only their people count."""
    among = Q() if organizations is None else Q(registrations__organization__in=organizations)
    return SeminarSession.objects.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed") & among),
        waitlist_count=Count("registrations", filter=Q(registrations__status="waitlisted") & among),
        attended_count=Count("registrations", filter=Q(registrations__attended=True) & among),
    ).order_by("starts_at")


def upcoming_sessions(limit: int = 4) -> list[SeminarSession]:
    return list(
        SeminarSession.objects.filter(canonical_q("seminar"), starts_at__gte=timezone.now(), is_cancelled=False)
        .filter(seminar__live=True)
        .select_related("seminar")
        .order_by("starts_at")[:limit]
    )


def seminar_listing(*, index, filters: dict) -> dict:
    """Upcoming and past seminars with their sessions and seat counts, in a fixed number of queries."""
    seminars = (
        SeminarPage.objects.child_of(index)
        .live()
        .public()
        .select_related("region", "cover_image")
        .prefetch_related("capacity_areas", "cover_image__renditions")
    )
    if filters.get("capacity_area"):
        seminars = seminars.filter(capacity_areas=filters["capacity_area"])
    if filters.get("region"):
        seminars = seminars.filter(region=filters["region"])
    # Sessions (and their seats) always come from the canonical page, also when listing translations.
    real_sessions = SeminarSession.objects.filter(canonical_q("seminar"))
    if filters.get("format"):
        matching = real_sessions.filter(format=filters["format"])
        seminars = seminars.filter(translation_key__in=matching.values("seminar__translation_key"))
    if filters.get("month"):
        month = filters["month"]
        matching = real_sessions.filter(starts_at__year=month.year, starts_at__month=month.month)
        seminars = seminars.filter(translation_key__in=matching.values("seminar__translation_key"))
    now = timezone.now()
    seminars = list(seminars.distinct())
    originals = canonical_map(seminars)
    by_seminar = defaultdict(list)
    for session in sessions_with_counts().filter(seminar_id__in={s.pk for s in originals.values()}):
        by_seminar[session.seminar_id].append(session)
    upcoming, past = [], []
    for seminar in seminars:
        sessions = by_seminar[originals[seminar.pk].pk]
        seminar.session_list = sessions
        seminar.first_start = sessions[0].starts_at if sessions else None
        for session in sessions:
            session.seats_left = max(session.capacity - session.confirmed_count, 0)
        if any(session.ends_at >= now for session in sessions):
            upcoming.append(seminar)
        else:
            past.append(seminar)
    upcoming.sort(key=lambda s: s.first_start or now)
    past.sort(key=lambda s: s.first_start or now, reverse=True)
    return {"upcoming": upcoming, "past": past}


def seminar_page_context(*, seminar, user, preview: bool = False) -> dict:
    """Sessions with counts, the viewer's registrations and what they may see, in a fixed number of queries."""
    from organizations.models import Membership

    if preview or seminar.pk is None:
        # Editors preview the sessions they are editing, which may not be saved yet.
        record = canonical(seminar) if seminar.pk else seminar
        sessions = list(record.sessions.all())
        for session in sessions:
            session.confirmed_count = session.waitlist_count = session.attended_count = 0
        user = AnonymousUser()
    else:
        # A translated seminar shows the canonical page's sessions: seats are counted there once.
        record = canonical(seminar)
        sessions = list(sessions_with_counts().filter(seminar_id=record.pk))
    mine = {}
    memberships = []
    managed_people = []
    can_manage = False
    if user.is_authenticated:
        for registration in SeminarRegistration.objects.filter(
            session__in=[session.pk for session in sessions], user=user, status__in=LIVE
        ).select_related("feedback"):
            mine[registration.session_id] = registration
        memberships = list(Membership.objects.filter(user=user).select_related("organization"))
        managed = [m.organization_id for m in memberships if m.is_manager]
        if managed:
            managed_people = list(
                Membership.objects.filter(organization_id__in=managed)
                .exclude(user=user)
                .select_related("user", "organization")
                .order_by("organization__name", "user__first_name")
            )
        can_manage = user.is_programme_staff or user.organized_seminars.filter(pk__in={seminar.pk, record.pk}).exists()
    now = timezone.now()
    for session in sessions:
        session.seminar = seminar
        session.seats_left = max(session.capacity - session.confirmed_count, 0)
        session.my_registration = mine.get(session.pk)
        session.is_open = session.registration_open(now)
    waiting = [r for r in mine.values() if r.is_waitlisted]
    if waiting:
        queue = defaultdict(list)
        for session_id, pk in (
            SeminarRegistration.objects.filter(session_id__in=[r.session_id for r in waiting], status="waitlisted")
            .order_by("requested_at", "id")
            .values_list("session_id", "id")
        ):
            queue[session_id].append(pk)
        for registration in waiting:
            registration.position = queue[registration.session_id].index(registration.pk) + 1
    is_participant = any(r.is_confirmed for r in mine.values()) or can_manage
    material_list = seminar.materials.all() if preview else seminar.materials.select_related("document")
    materials = [m for m in material_list if is_participant or not m.for_participants]
    return {
        "sessions": sessions,
        "is_participant": is_participant,
        "materials": materials,
        "speakers": list(seminar.speakers.all()),
        "capacity_areas": list(seminar.capacity_areas.all()),
        "memberships": memberships,
        "managed_people": managed_people,
        "can_manage": can_manage,
        "now": now,
    }


def session_for_organizer(*, user, session_id: int) -> SeminarSession:
    """The session if ``user`` organizes its seminar or is programme staff; 404 otherwise."""
    from django.http import Http404

    session = (
        sessions_with_counts()
        .select_related("seminar")
        .filter(canonical_q("seminar"), pk=session_id, seminar__live=True)
        .first()
    )
    if session is None or not user.is_authenticated:
        raise Http404
    if not (user.is_programme_staff or session.seminar.organizers.filter(pk=user.pk).exists()):
        raise Http404
    return session


def session_roster(session) -> list[SeminarRegistration]:
    return list(
        SeminarRegistration.objects.filter(session=session)
        .select_related("user", "organization", "registered_by", "feedback")
        .order_by("status", "seat", "requested_at", "id")
    )


def session_roster_table(session) -> tuple[list[str], list[list]]:
    """The roster as columns and rows for the export writer, one row per registration."""
    columns = [_("Name"), _("Email"), _("Organization"), _("Status"), _("Seat"), _("Requested"), _("Attended")]
    attended = {True: _("Yes"), False: _("No"), None: ""}
    rows = [
        [
            registration.user.get_full_name(),
            registration.user.email,
            registration.organization.name if registration.organization else "",
            registration.get_status_display(),
            registration.seat or "",
            registration.requested_at,
            attended[registration.attended],
        ]
        for registration in session_roster(session)
    ]
    return columns, rows


def feedback_summary(session) -> dict:
    from django.db.models import Avg

    qs = SessionFeedback.objects.filter(registration__session=session)
    summary = qs.aggregate(average=Avg("rating"), count=Count("id"))
    summary["comments"] = list(qs.exclude(comments="").values_list("rating", "comments").order_by("-submitted_at"))
    return summary


def learner_registrations(user) -> list[SeminarRegistration]:
    """Every registration of the learner but the cancelled ones, by date, once per request: /learning/, the
    personal home's needs and its calendar all read them."""
    return once(
        user,
        "registrations",
        lambda: list(
            SeminarRegistration.objects.filter(user=user)
            .exclude(status="cancelled")
            .select_related("session__seminar", "feedback")
            .order_by("session__starts_at")
        ),
    )


def seminar_dashboard(user) -> dict:
    """The learner's registrations for /learning/: upcoming and past, with feedback state."""
    registrations = learner_registrations(user)
    now = timezone.now()
    for registration in registrations:
        registration.can_give_feedback = (
            registration.is_confirmed
            and registration.session.ends_at <= now
            and registration.attended is not False
            and not hasattr(registration, "feedback")
        )
    return {
        "upcoming_registrations": [r for r in registrations if r.session.ends_at > now],
        "past_registrations": [r for r in registrations if r.session.ends_at <= now][::-1],
    }


def seminar_registration_for_user(*, user, registration_id: int) -> SeminarRegistration:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        SeminarRegistration.objects.select_related("session__seminar", "user"), pk=registration_id, user=user
    )


def seminar_feed_events(user) -> list:
    """The user's confirmed sessions for their private calendar feed."""
    from ..services.seminar_notices import _session_event

    since = timezone.now() - timedelta(days=180)
    events = []
    for registration in learner_registrations(user):
        session = registration.session
        if registration.status == "confirmed" and session.ends_at >= since and not session.is_cancelled:
            registration.user = user
            events.append(_session_event(session, registration=registration))
    return events


def session_calendar_event(session):
    """A session as anyone may add it to their calendar: place and page, not the private meeting link."""
    from lms.calendar import CalendarEvent
    from lms.email import absolute_url

    from ..services.seminar_notices import session_uid

    seminar = session.seminar
    url = absolute_url(seminar.url or "/")
    return CalendarEvent(
        uid=session_uid(session),
        start=session.starts_at,
        end=session.ends_at,
        summary=session.display_title if not session.title else f"{seminar.title}: {session.title}",
        description=f"{seminar.summary}\n\n{url}",
        location=", ".join(part for part in (session.venue, session.address) if part),
        url=url,
        sequence=session.ics_sequence,
    )


def session_event_for(user, pk: int):
    """A live, not cancelled session's event; a confirmed registrant's carries their meeting link."""
    from ..services.seminar_notices import _session_event

    session = (
        SeminarSession.objects.filter(pk=pk, is_cancelled=False, seminar__live=True).select_related("seminar").first()
    )
    if session is None:
        return None
    if user.is_authenticated:
        registration = (
            SeminarRegistration.objects.filter(session=session, user=user, status="confirmed")
            .select_related("user")
            .first()
        )
        if registration is not None:
            return _session_event(session, registration=registration)
    return session_calendar_event(session)
