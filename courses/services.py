"""Writes for courses and seminars. Views, commands and tasks all go through these.

Every function is keyword-only and transactional, and raises ServiceError with a
message for the user when a rule refuses the action (nothing is changed then).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lms.calendar import CalendarEvent, calendar_links, invitation_attachment
from lms.email import EmailKind, absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.locking import lock
from lms.translations import canonical_q
from organizations.models import Membership, Organization, User
from organizations.selectors import is_manager

from .models import (
    Certificate,
    CoursePage,
    Enrollment,
    EnrollmentMode,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    SeminarRegistration,
    SeminarSession,
    SessionFeedback,
    SessionMessage,
)
from .quiz import next_attempt_at

logger = logging.getLogger(__name__)


# --- enrollment ---------------------------------------------------------------------------------


def enrollment_refusal(*, user, course: CoursePage) -> str:
    """Why ``user`` may not enroll in ``course`` ("" when they may)."""
    if not user.is_authenticated:
        return _("Sign in to enroll.")
    if not course.live:
        return _("This course is not open for enrollment.")
    if course.enrollment_mode == EnrollmentMode.ORGANIZATIONS:
        allowed = course.allowed_organizations.all()
        if not Membership.objects.filter(user=user, organization__in=allowed).exists():
            return _("This course is open to staff of selected organizations only.")
    return ""


@transaction.atomic
def enrollment_create(*, user: User, course: CoursePage) -> Enrollment:
    """Enroll ``user``; asking again returns the existing enrollment (no duplicates)."""
    refusal = enrollment_refusal(user=user, course=course)
    if refusal:
        raise ServiceError(refusal)
    membership_qs = Membership.objects.filter(user=user).select_related("organization").order_by("joined_at")
    if course.enrollment_mode == EnrollmentMode.ORGANIZATIONS:
        membership_qs = membership_qs.filter(organization__in=course.allowed_organizations.all())
    membership = membership_qs.first()
    status = (
        Enrollment.Status.PENDING if course.enrollment_mode == EnrollmentMode.APPROVAL else Enrollment.Status.ACTIVE
    )
    enrollment = Enrollment.objects.select_for_update().filter(user=user, course=course).first()
    if enrollment is not None:
        if enrollment.status == Enrollment.Status.WITHDRAWN:
            enrollment.status = status
            enrollment.save(update_fields=["status"])
        return enrollment
    try:
        with transaction.atomic():
            return Enrollment.objects.create(
                user=user,
                course=course,
                status=status,
                organization=membership.organization if membership else None,
            )
    except IntegrityError:  # a second click raced the first
        return Enrollment.objects.get(user=user, course=course)


@transaction.atomic
def enrollment_approve(*, enrollment: Enrollment, by: User) -> Enrollment:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may approve enrollments."))
    enrollment = lock(enrollment)
    if enrollment.status != Enrollment.Status.PENDING:
        raise ServiceError(_("This enrollment is not waiting for approval."))
    enrollment.status = Enrollment.Status.ACTIVE
    enrollment.save(update_fields=["status"])
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment) -> Enrollment:
    """Withdraw but keep progress, so re-enrolling picks up where the learner stopped."""
    enrollment = lock(enrollment)
    enrollment.status = Enrollment.Status.WITHDRAWN
    enrollment.save(update_fields=["status"])
    return enrollment


# --- lessons and completion ---------------------------------------------------------------------


def course_for_lesson(lesson: LessonPage) -> CoursePage:
    return CoursePage.objects.get(path=lesson.path[: -lesson.steplen])


def live_lessons(course: CoursePage):
    return LessonPage.objects.child_of(course).live().order_by("path")


def active_enrollment(*, user, course: CoursePage) -> Enrollment:
    if not user.is_authenticated:
        raise ServiceError(_("Sign in and enroll to continue."))
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is None or enrollment.status == Enrollment.Status.WITHDRAWN:
        raise ServiceError(_("Enroll in the course first."))
    if enrollment.status == Enrollment.Status.PENDING:
        raise ServiceError(_("Your enrollment is waiting for approval."))
    return enrollment


def lesson_lock_reason(*, course: CoursePage, lesson: LessonPage, completed_ids: set[int], lessons=None) -> str:
    """In sequential courses a lesson opens once every earlier lesson is complete."""
    if not course.sequential:
        return ""
    for item in lessons if lessons is not None else live_lessons(course).only("id", "path", "title"):
        if item.pk == lesson.pk:
            return ""
        if item.pk not in completed_ids:
            return _("Complete “%(title)s” first.") % {"title": item.title}
    return ""


@transaction.atomic
def lesson_complete(
    *, user: User, lesson: LessonPage, method: str = LessonCompletion.Method.MANUAL
) -> LessonCompletion:
    """Mark a lesson complete. Repeating it changes nothing (idempotent)."""
    course = course_for_lesson(lesson)
    enrollment = active_enrollment(user=user, course=course)
    if not lesson.live:
        raise ServiceError(_("This lesson is not available."))
    completed_ids = set(enrollment.completions.values_list("lesson_id", flat=True))
    if lesson.pk in completed_ids:
        return enrollment.completions.get(lesson=lesson)
    reason = lesson_lock_reason(course=course, lesson=lesson, completed_ids=completed_ids)
    if reason:
        raise ServiceError(reason)
    if method == LessonCompletion.Method.MANUAL and lesson.has_quiz:
        raise ServiceError(_("Pass the quiz to complete this lesson."))
    try:
        with transaction.atomic():
            completion = LessonCompletion.objects.create(enrollment=enrollment, lesson=lesson, method=method)
    except IntegrityError:
        return enrollment.completions.get(lesson=lesson)
    now = timezone.now()
    Enrollment.objects.filter(pk=enrollment.pk).update(last_lesson=lesson, last_activity_at=now)
    _check_course_complete(enrollment=enrollment, course=course, now=now)
    return completion


def _check_course_complete(*, enrollment: Enrollment, course: CoursePage, now) -> None:
    if enrollment.completed_at:
        return
    required = set(live_lessons(course).filter(is_required=True).values_list("id", flat=True))
    done = set(enrollment.completions.values_list("lesson_id", flat=True))
    if required and required <= done:
        enrollment.completed_at = now
        enrollment.save(update_fields=["completed_at"])
        if course.issues_certificate:
            certificate_issue(enrollment=enrollment)


# --- quizzes ------------------------------------------------------------------------------------


def _clean_answers(questions: list[dict], answers: dict[str, list[str]]) -> dict[str, list[int]]:
    """Check a submission against the quiz; anything unexpected refuses the whole attempt."""
    expected = {q["id"]: q for q in questions}
    unknown = set(answers) - set(expected)
    if unknown:
        raise ServiceError(_("The quiz has changed or the form was altered. Reload the page and try again."))
    cleaned: dict[str, list[int]] = {}
    for qid, question in expected.items():
        raw = [value for value in answers.get(qid, []) if value != ""]
        if not raw:
            raise ServiceError(_("Answer every question before submitting."))
        try:
            picked = sorted({int(value) for value in raw})
        except (TypeError, ValueError):
            raise ServiceError(_("The quiz has changed or the form was altered. Reload the page and try again."))
        if any(i < 0 or i >= len(question["choices"]) for i in picked):
            raise ServiceError(_("The quiz has changed or the form was altered. Reload the page and try again."))
        if not question["multiple"] and len(picked) != 1:
            raise ServiceError(_("Choose one answer for each single-choice question."))
        cleaned[qid] = picked
    return cleaned


@transaction.atomic
def quiz_submit(*, user: User, lesson: LessonPage, answers: dict[str, list[str]]) -> QuizAttempt:
    """Score on the server, record the attempt, and complete the lesson on a pass."""
    course = course_for_lesson(lesson)
    enrollment = active_enrollment(user=user, course=course)
    questions = lesson.quiz_questions()
    if not questions:
        raise ServiceError(_("This lesson has no quiz."))
    # Lock the enrollment so two tabs cannot both use the last attempt.
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    completed_ids = set(enrollment.completions.values_list("lesson_id", flat=True))
    reason = lesson_lock_reason(course=course, lesson=lesson, completed_ids=completed_ids)
    if reason:
        raise ServiceError(reason)
    if enrollment.quiz_attempts.filter(lesson=lesson, passed=True).exists():
        raise ServiceError(_("You have already passed this quiz."))
    previous = list(enrollment.quiz_attempts.filter(lesson=lesson))
    used = max((attempt.number for attempt in previous), default=0)
    if lesson.quiz_max_attempts and used >= lesson.quiz_max_attempts:
        raise ServiceError(_("You have used all %(count)d attempts for this quiz.") % {"count": used})
    ready_at = next_attempt_at(lesson=lesson, attempts=previous)
    if ready_at is not None and timezone.now() < ready_at:
        when = formats.date_format(timezone.localtime(ready_at), "DATETIME_FORMAT")
        raise ServiceError(_("You can try the quiz again from %(time)s.") % {"time": when})
    cleaned = _clean_answers(questions, answers)
    correct = 0
    for question in questions:
        right = sorted(c["index"] for c in question["choices"] if c["correct"])
        if cleaned[question["id"]] == right:
            correct += 1
    score = round(100 * correct / len(questions))
    passed = score >= lesson.quiz_pass_mark
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                enrollment=enrollment,
                lesson=lesson,
                number=used + 1,
                answers=cleaned,
                correct_count=correct,
                question_count=len(questions),
                score=score,
                passed=passed,
            )
    except IntegrityError:
        raise ServiceError(_("This attempt was already submitted."))
    if passed and lesson.pk not in completed_ids:
        lesson_complete(user=user, lesson=lesson, method=LessonCompletion.Method.QUIZ)
    return attempt


# --- certificates -------------------------------------------------------------------------------


def certificate_name_for(user: User) -> str:
    """The name a certificate prints: the one the learner chose, else their full name; never the email."""
    return (user.certificate_name or user.get_full_name()).strip()


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment) -> Certificate | None:
    """One certificate per completed enrollment; the learner is told by email.

    A learner with no name yet gets no certificate here: the completion page asks for the name
    to print first (``certificate_claim``).
    """
    if not enrollment.completed_at:
        raise ServiceError(_("The course is not complete yet."))
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing:
        return existing
    user = User.objects.select_for_update().get(pk=enrollment.user_id)
    name = certificate_name_for(user)
    if not name:
        return None
    if not user.certificate_name:
        user.certificate_name = name  # prefilled from the full name; editable in the profile
        user.save(update_fields=["certificate_name"])
    certificate = Certificate.objects.create(
        enrollment=enrollment,
        learner_name=name,
        course_title=enrollment.course.title,
        issued_at=enrollment.completed_at,
    )
    send_templated_email(
        to=user,
        template="courses/certificate_issued",
        context={"certificate": certificate, "url": absolute_url(certificate.get_absolute_url())},
    )
    return certificate


@transaction.atomic
def certificate_name_set(*, user: User, name: str) -> int:
    """Set the name printed on the learner's certificates, including those already issued.

    Returns how many certificates now carry the new name.
    """
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Enter the name to print on your certificates."))
    if "@" in name:
        raise ServiceError(_("Enter your name, not an email address."))
    user = User.objects.select_for_update().get(pk=user.pk)
    user.certificate_name = name
    user.save(update_fields=["certificate_name"])  # courses.signals reprints the certificates
    return Certificate.objects.filter(enrollment__user=user).count()


def certificate_names_sync(*, user: User) -> int:
    """Every certificate the learner holds carries their current certificate name (if they have one)."""
    name = user.certificate_name.strip()
    if not name:
        return 0
    return Certificate.objects.filter(enrollment__user=user).exclude(learner_name=name).update(learner_name=name)


@transaction.atomic
def certificate_claim(*, enrollment: Enrollment, name: str) -> Certificate:
    """The learner gives the name to print, and receives the certificate of a completed course."""
    enrollment = Enrollment.objects.select_for_update().select_related("course").get(pk=enrollment.pk)
    if not enrollment.completed_at:
        raise ServiceError(_("The course is not complete yet."))
    if not enrollment.course.issues_certificate:
        raise ServiceError(_("This course does not issue certificates."))
    certificate_name_set(user=enrollment.user, name=name)
    certificate = certificate_issue(enrollment=enrollment)
    if certificate is None:
        raise ServiceError(_("Enter the name to print on your certificates."))
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may revoke certificates."))
    if not reason.strip():
        raise ServiceError(_("Give a reason for revoking the certificate."))
    certificate = lock(certificate)
    if certificate.revoked_at:
        raise ServiceError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, by: User) -> Certificate:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may reinstate certificates."))
    certificate = lock(certificate)
    if not certificate.revoked_at:
        return certificate
    certificate.revoked_at = None
    certificate.revoked_by = None
    certificate.revocation_reason = ""
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


def default_organization_for(user: User) -> Organization | None:
    membership = Membership.objects.filter(user=user).select_related("organization").order_by("joined_at").first()
    return membership.organization if membership else None


# --- seminars -----------------------------------------------------------------------------------


def can_manage_seminar(user, seminar) -> bool:
    """Programme staff and the seminar's organizers run registrations and attendance."""
    if not user.is_authenticated:
        return False
    return user.is_programme_staff or seminar.organizers.filter(pk=user.pk).exists()


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
