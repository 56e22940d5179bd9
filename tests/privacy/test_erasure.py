from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from advisors.models import Consultation
from courses.models import SeminarRegistration
from lms.models import AuditEvent
from organizations.factories import MembershipFactory, UserFactory
from organizations.models import Membership, ProgrammeRole
from privacy import services
from privacy.models import DataRequest
from studygroups.models import Post

pytestmark = pytest.mark.django_db
User = get_user_model()


def _erase_due(now):
    out = StringIO()
    call_command("erase_due_accounts", "--now", now.isoformat(), stdout=out)
    return out.getvalue()


def test_request_cancel_and_request_again(user, client_for, mailoutbox, django_capture_on_commit_callbacks):
    client = client_for(user)
    assert client.get("/accounts/data/delete/").status_code == 200
    response = client.post("/accounts/data/delete/", {})
    assert response.status_code == 200 and "Tick the box" in response.content.decode()
    assert not DataRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/data/delete/", {"confirm": "on"})
    erasure = DataRequest.objects.get(user=user, kind="erasure")
    assert erasure.state == "pending"
    assert erasure.due_at - erasure.created_at == timedelta(days=14)
    assert "Your account will be deleted on" in client.get("/accounts/data/").content.decode()
    assert mailoutbox[-1].to == [user.email]

    # A second request while one is pending: a clear answer, nothing changes.
    client.post("/accounts/data/delete/", {"confirm": "on"})
    assert DataRequest.objects.filter(user=user, kind="erasure").count() == 1

    other = client_for(UserFactory())
    assert other.post(f"/accounts/data/delete/{erasure.pk}/cancel/").status_code == 404
    client.post(f"/accounts/data/delete/{erasure.pk}/cancel/")
    erasure.refresh_from_db()
    assert erasure.state == "cancelled"
    assert _erase_due(timezone.now() + timedelta(days=30)).startswith("Erased 0")
    user.refresh_from_db()
    assert user.is_active and not user.is_erased


def test_grace_period_then_erasure_keeps_anonymous_records(
    person_with_history, client_for, django_capture_on_commit_callbacks
):
    user = person_with_history["user"]
    token = user.calendar_token
    client = client_for(user)
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    erasure = services.erasure_request(user=user)
    counts = (Consultation.objects.count(), SeminarRegistration.objects.count(), Post.objects.count())

    assert _erase_due(erasure.due_at - timedelta(minutes=1)).startswith("Erased 0")
    assert _erase_due(erasure.due_at + timedelta(minutes=1)).startswith("Erased 1")

    user.refresh_from_db()
    assert user.is_erased and not user.is_active and not user.has_usable_password()
    assert str(user) == "Former member"
    assert user.first_name == user.last_name == user.display_name == ""
    assert (Consultation.objects.count(), SeminarRegistration.objects.count(), Post.objects.count()) == counts
    consultation = Consultation.objects.get(pk=person_with_history["consultation"].pk)
    assert consultation.question == "" and not consultation.attachment
    assert not consultation.learner.is_active
    assert Post.objects.get(pk=person_with_history["post"].pk).author is None
    # Sessions and the calendar feed stop at once; signing in fails.
    assert client.get("/accounts/data/").status_code == 302
    assert client_for(None).get(f"/calendar/{token}.ics").status_code == 404
    assert not client_for(None).login(email=person_with_history["user"].email, password="demo-pass-2024")
    erasure.refresh_from_db()
    assert erasure.state == "completed"
    # Nothing is ever mailed to the erased account's placeholder address.
    from django.core import mail

    from lms.email import send_templated_email

    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(
            to=[user, "someone@example.org"], template="privacy/erasure_cancelled", context={"url": "/"}
        )
    assert [m.to for m in mail.outbox[sent:]] == [["someone@example.org"]]
    assert AuditEvent.objects.filter(action="privacy.erasure.completed").exists()
    assert not AuditEvent.objects.filter(actor_repr__icontains="@example").filter(target_id=str(user.pk)).exists()


def test_a_sole_manager_is_told_but_not_blocked(manager, client_for):
    page = client_for(manager).get("/accounts/data/delete/").content.decode()
    assert "You are the only manager of" in page
    erasure = services.erasure_request(user=manager)
    services.erasures_perform_due(now=erasure.due_at)
    manager.refresh_from_db()
    assert manager.is_erased


def test_a_second_manager_means_no_warning(manager, organization, client_for):
    MembershipFactory(organization=organization, role=Membership.Role.MANAGER)
    assert "only manager" not in client_for(manager).get("/accounts/data/delete/").content.decode()


@pytest.mark.parametrize("kind", ["staff", "programme", "superuser"])
def test_staff_accounts_cannot_ask_for_erasure(kind, client_for):
    person = {
        "staff": lambda: UserFactory(is_staff=True),
        "programme": lambda: UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF]),
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[kind]()
    client = client_for(person)
    response = client.post("/accounts/data/delete/", {"confirm": "on"}, follow=True)
    assert "Staff accounts can" in response.content.decode()
    assert not DataRequest.objects.exists()


def test_staff_erase_on_request_with_a_reason(programme_staff, member, client_for):
    client = client_for(programme_staff)
    page = client.get("/programme/data-requests/")
    assert page.status_code == 200
    response = client.post("/programme/data-requests/", {"email": member.email, "reason": "", "confirm": "on"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert not member.is_erased
    response = client.post(
        "/programme/data-requests/", {"email": member.email, "reason": "Asked by letter", "confirm": "on"}, follow=True
    )
    assert "The account was erased." in response.content.decode()
    member.refresh_from_db()
    assert member.is_erased
    erasure = DataRequest.objects.get(user=member)
    assert erasure.requested_by == programme_staff and erasure.reason == "Asked by letter"
    assert "Asked by letter" in response.content.decode()


def test_staff_cannot_erase_staff_or_the_last_superuser(programme_staff, client_for):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(programme_staff)
    for target in (admin, UserFactory(groups=[ProgrammeRole.PROGRAMME_STAFF])):
        response = client.post("/programme/data-requests/", {"email": target.email, "reason": "x", "confirm": "on"})
        assert response.status_code == 200
        assert "can" in response.content.decode() and "erased" in response.content.decode()
        target.refresh_from_db()
        assert not target.is_erased
    with pytest.raises(services.ServiceError, match="last administrator"):
        services.erasure_by_staff(staff=admin, email=admin.email, reason="test")
    assert not DataRequest.objects.exists()


def test_the_request_log_is_for_programme_staff(user, member, programme_staff, client_for):
    services.erasure_request(user=member)
    assert client_for(None).get("/programme/data-requests/").status_code == 302
    assert client_for(user).get("/programme/data-requests/").status_code == 404
    body = client_for(programme_staff).get("/programme/data-requests/").content.decode()
    assert "Account erasure" in body and "Pending" in body
    assert AuditEvent.objects.filter(action="privacy.erasure.requested", target_id=str(member.pk)).exists()
