from datetime import timedelta
from email import message_from_string

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from courses import services
from courses.models import SeminarRegistration, SessionFeedback
from lms.errors import ServiceError
from lms.exports import safe_csv_cell
from organizations.factories import MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import Membership

pytestmark = pytest.mark.django_db


def register(session, user=None, **kwargs):
    return services.registration_create(session=session, user=user or UserFactory(), **kwargs)


def invites(outbox):
    found = []
    for message in outbox:
        for filename, content, mimetype in message.attachments:
            if filename.endswith(".ics"):
                found.append((Calendar.from_ical(content), mimetype))
    return found


def test_capacity_then_waitlist_in_order(session):
    a, b, c, d = (register(session) for _ in range(4))
    assert [r.status for r in (a, b, c, d)] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert {a.seat, b.seat} == {1, 2}
    with pytest.raises(ServiceError, match="already has a seat"):
        register(session, user=a.user)
    with pytest.raises(ServiceError, match="waitlist"):
        register(session, user=c.user)
    assert SeminarRegistration.objects.count() == 4


def test_cancel_promotes_first_waitlisted_and_emails(session, django_capture_on_commit_callbacks):
    a, _b, c, d = (register(session) for _ in range(4))
    mail.outbox.clear()
    freed = a.seat  # cancelling refreshes ``a`` in place, and a cancelled registration holds no seat
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=a, by=a.user)
    c.refresh_from_db()
    d.refresh_from_db()
    assert a.seat is None and freed is not None
    assert c.status == "confirmed" and c.seat == freed
    assert d.status == "waitlisted"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "cancelled" in subjects[a.user.email].lower()
    assert "seat became free" in subjects[c.user.email].lower()
    calendars = invites(mail.outbox)
    methods = sorted(str(cal["method"]) for cal, _ in calendars)
    assert methods == ["CANCEL", "REQUEST"]


def test_confirmation_invitation_is_rfc5545(session, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(session, user=user)
    ((cal, mimetype),) = invites(mail.outbox)
    assert mimetype.startswith("text/calendar; method=REQUEST")
    assert str(cal["method"]) == "REQUEST"
    event = cal.walk("VEVENT")[0]
    uid = str(event["uid"])
    assert uid == services.session_uid(session)
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert "dtstamp" in event and int(event["sequence"]) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=registration, by=user)
    ((cal, mimetype),) = invites(mail.outbox)
    assert mimetype.startswith("text/calendar; method=CANCEL")
    event = cal.walk("VEVENT")[0]
    assert str(event["uid"]) == uid and int(event["sequence"]) == 1
    assert message_from_string(mail.outbox[0].message().as_string()).is_multipart()


def test_registration_rules_change_nothing(make_session, organization, member):
    past = make_session(starts_at=timezone.now() - timedelta(days=1))
    closed = make_session(registration_closes_at=timezone.now() - timedelta(hours=1))
    not_open = make_session(registration_opens_at=timezone.now() + timedelta(days=1))
    cancelled = make_session(is_cancelled=True)
    for session in (past, closed, not_open, cancelled):
        with pytest.raises(ServiceError):
            register(session, user=member)
    open_session = make_session()
    stranger = UserFactory()
    with pytest.raises(ServiceError, match="manage"):
        services.registration_create(session=open_session, user=stranger, registered_by=member)
    with pytest.raises(ServiceError, match="not a member"):
        services.registration_create(session=open_session, user=stranger, organization=organization)
    assert not SeminarRegistration.objects.exists()


def test_manager_registers_staff_of_own_organization_only(session, organization, manager, member):
    registration = services.registration_create(
        session=session, user=member, registered_by=manager, organization=organization
    )
    assert registration.registered_by == manager and registration.organization == organization
    outsider = MembershipFactory(organization=OrganizationFactory()).user
    other_org = Membership.objects.get(user=outsider).organization
    with pytest.raises(ServiceError):
        services.registration_create(session=session, user=outsider, registered_by=manager, organization=other_org)


def test_failing_mail_server_keeps_the_registration(session, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.courses.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(session)
    assert SeminarRegistration.objects.filter(pk=registration.pk, status="confirmed").exists()


def test_cancel_after_deadline_refused_for_participant(make_session):
    session = make_session(registration_closes_at=timezone.now() + timedelta(hours=1))
    registration = register(session)
    session.registration_closes_at = timezone.now() - timedelta(minutes=1)
    session.save()
    registration.refresh_from_db()
    with pytest.raises(ServiceError, match="deadline"):
        services.registration_cancel(registration=registration, by=registration.user)
    with pytest.raises(ServiceError):
        services.registration_cancel(registration=registration, by=UserFactory())
    assert SeminarRegistration.objects.get().status == "confirmed"


def test_attendance_feedback_and_reminders(make_session, programme_staff, django_capture_on_commit_callbacks):
    soon = make_session(starts_at=timezone.now() + timedelta(hours=20), capacity=3)
    a, b, w = register(soon), register(soon), register(soon)
    services.registration_cancel(registration=w, by=w.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 2
    assert services.reminders_send() == 0  # each person is reminded once
    assert len(mail.outbox) == 2
    with pytest.raises(ServiceError, match="started"):
        services.attendance_mark(session=soon, by=programme_staff, attended_ids={a.pk})
    soon.starts_at = timezone.now() - timedelta(hours=3)
    soon.ends_at = timezone.now() - timedelta(hours=1)
    soon.save()
    with pytest.raises(ServiceError):
        services.attendance_mark(session=soon, by=a.user, attended_ids={a.pk})
    with pytest.raises(ServiceError):
        services.attendance_mark(session=soon, by=programme_staff, attended_ids={w.pk})
    assert services.attendance_mark(session=soon, by=programme_staff, attended_ids={a.pk}) == 1
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attended, b.attended) == (True, False)
    services.feedback_submit(registration=a, user=a.user, rating=5, comments="Very practical")
    with pytest.raises(ServiceError):
        services.feedback_submit(registration=b, user=b.user, rating=4)
    with pytest.raises(ServiceError):
        services.feedback_submit(registration=a, user=b.user, rating=1)
    assert SessionFeedback.objects.get().rating == 5


def test_csv_neutralises_formulas():
    for text in ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"]:
        assert safe_csv_cell(text).startswith("'")
    assert safe_csv_cell("Sato Haruka") == "Sato Haruka"


def test_roster_views_for_organizers_only(client_for, session, programme_staff, member):
    registration = register(session, user=UserFactory(first_name="=HYPERLINK(1)", last_name="x", display_name=""))
    organizer = UserFactory()
    session.seminar.organizers.add(organizer)
    session.seminar.save_revision().publish()
    url = reverse("courses:session_roster", args=[session.pk])
    assert client_for(None).get(url).status_code == 302
    assert client_for(member).get(url).status_code == 404
    assert client_for(organizer).get(url).status_code == 200
    response = client_for(programme_staff).get(reverse("courses:session_roster_csv", args=[session.pk]))
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1) x" in content and registration.user.email in content
    assert client_for(member).get(reverse("courses:session_roster_csv", args=[session.pk])).status_code == 404
    assert client_for(organizer).get(reverse("courses:session_roster_print", args=[session.pk])).status_code == 200


def test_meeting_link_only_for_confirmed(client_for, make_session):
    session = make_session(format="online", venue="", meeting_url="https://meet.example.org/secret-room", capacity=1)
    confirmed, waiting = UserFactory(), UserFactory()
    register(session, user=confirmed)
    register(session, user=waiting)
    url = session.seminar.url
    assert "secret-room" not in client_for(None).get(url).content.decode()
    assert "secret-room" not in client_for(waiting).get(url).content.decode()
    assert "secret-room" in client_for(confirmed).get(url).content.decode()


def test_register_and_cancel_views(client_for, session, member):
    client = client_for(member)
    client.post(reverse("courses:session_register", args=[session.pk]))
    registration = SeminarRegistration.objects.get(user=member)
    response = client.post(reverse("courses:session_register", args=[session.pk]), follow=True)
    assert "already has a seat" in response.content.decode()
    assert SeminarRegistration.objects.count() == 1
    assert (
        client_for(UserFactory()).post(reverse("courses:registration_cancel", args=[registration.pk])).status_code
        == 404
    )
    client.post(reverse("courses:registration_cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_calendar_feed_lists_confirmed_sessions(client_for, session):
    user = UserFactory()
    register(session, user=user)
    response = client_for(None).get(reverse("calendar_feed", args=[user.calendar_token]))
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    assert [str(e["uid"]) for e in cal.walk("VEVENT")] == [services.session_uid(session)]


def test_seminar_pages_query_count_constant(client_for, make_session, seminar_index, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.factories import SeminarPageFactory

    viewer = UserFactory()
    seminar = SeminarPageFactory(parent=seminar_index)
    first = make_session(seminar=seminar, capacity=1)
    register(first, user=viewer)
    full = make_session(seminar=seminar, capacity=1)
    register(full)
    register(full, user=viewer)  # the viewer also waits on one session
    client = client_for(viewer)
    client.get(seminar.url)
    counts = {}
    for label in ("few", "many"):
        client.get(seminar_index.url)  # routes are cached until a page changes: measure both sizes warm
        with CaptureQueriesContext(connection) as page_queries:
            assert client.get(seminar.url).status_code == 200
        with CaptureQueriesContext(connection) as list_queries:
            assert client.get(seminar_index.url).status_code == 200
        counts[label] = (len(page_queries), len(list_queries))
        for _ in range(4):
            extra = make_session(seminar=seminar, capacity=2)
            for _ in range(3):
                register(extra)
            register(extra, user=viewer)
        SeminarPageFactory(parent=seminar_index)
    assert counts["few"] == counts["many"]


def test_organizer_marks_attendance_and_messages_registrants(
    client_for, make_session, django_capture_on_commit_callbacks
):
    session = make_session(starts_at=timezone.now() - timedelta(hours=2), capacity=3)
    organizer = UserFactory()
    session.seminar.organizers.add(organizer)
    session.seminar.save_revision().publish()
    regs = [
        SeminarRegistration.objects.create(session=session, user=UserFactory(), status="confirmed", seat=i + 1)
        for i in range(2)
    ]
    client = client_for(organizer)
    url = reverse("courses:session_roster", args=[session.pk])
    client.post(url, {"mark-attendance": "1", "attended": [str(regs[0].pk)]})
    assert list(SeminarRegistration.objects.order_by("pk").values_list("attended", flat=True)) == [True, False]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"send-message": "1", "audience": "confirmed", "subject": "Slides", "body": "See attached."})
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in regs)
    assert session.messages.get().recipient_count == 2


def test_feedback_view(client_for, make_session):
    session = make_session(starts_at=timezone.now() - timedelta(hours=5))
    registration = SeminarRegistration.objects.create(
        session=session, user=UserFactory(), status="confirmed", seat=1, attended=True
    )
    url = reverse("courses:registration_feedback", args=[registration.pk])
    assert client_for(UserFactory()).get(url).status_code == 404
    client = client_for(registration.user)
    assert client.get(url).status_code == 200
    client.post(url, {"rating": "4", "comments": "Useful"})
    assert SessionFeedback.objects.get().rating == 4


def test_moving_or_cancelling_a_session_updates_invitations(session, django_capture_on_commit_callbacks):
    registration = register(session)
    register(session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.starts_at += timedelta(hours=1)
        session.ends_at += timedelta(hours=1)
        session.save()
    calendars = invites(mail.outbox)
    assert len(calendars) == 2
    assert {int(cal.walk("VEVENT")[0]["sequence"]) for cal, _ in calendars} == {1}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session.capacity = 3  # not something participants need to hear about
        session.save()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        session.is_cancelled = True
        session.save()
    assert all(mimetype.startswith("text/calendar; method=CANCEL") for _, mimetype in invites(mail.outbox))
    registration.refresh_from_db()
    assert registration.ics_sequence == 2


def test_publishing_a_moved_session_sends_updates(session, django_capture_on_commit_callbacks):
    from courses.models import SeminarPage

    register(session)
    mail.outbox.clear()
    page = SeminarPage.objects.get(pk=session.seminar_id)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert mail.outbox == []  # publishing without changes tells nobody anything
    sessions = list(page.sessions.all())
    sessions[0].venue = "JICA Ichigaya, Room 201"
    page.sessions = sessions
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(invites(mail.outbox)) == 1
    assert "Room 201" in mail.outbox[0].body


def test_manager_registers_a_member_through_the_page(client_for, session, organization, manager, member):
    own = Membership.objects.get(user=member, organization=organization)
    foreign = MembershipFactory(organization=OrganizationFactory())
    client = client_for(manager)
    page = client.get(session.seminar.url).content.decode()
    assert f'value="{own.pk}"' in page and f'value="{foreign.pk}"' not in page
    client.post(reverse("courses:session_register", args=[session.pk]), {"membership": own.pk})
    registration = SeminarRegistration.objects.get(user=member)
    assert registration.registered_by == manager
    response = client.post(
        reverse("courses:session_register", args=[session.pk]), {"membership": foreign.pk}, follow=True
    )
    assert "organization you manage" in response.content.decode()
    assert not SeminarRegistration.objects.filter(user=foreign.user).exists()
