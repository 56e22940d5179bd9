"""The confirm form is acted on only when valid: arrangements too long to keep are refused with a message."""

from django.core import mail
from django.urls import reverse

from advisors.models import Consultation


def _pending(advisor, book, slot_after):
    advisor.auto_confirm = False
    advisor.save(update_fields=["auto_confirm"])
    consultation = book(advisor, slot_after(advisor).start)
    mail.outbox.clear()
    return consultation


def test_too_long_arrangements_leave_the_request_waiting_and_say_why(client_for, advisor, book, slot_after):
    consultation = _pending(advisor, book, slot_after)
    response = client_for(advisor.user).post(
        reverse("advisors:confirm", args=[consultation.pk]), {"arrangements": "Room 3 " * 300}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "The consultation was not confirmed" in body
    assert "at most 1000 characters" in body  # next to the field, with what was typed kept
    assert "Room 3 Room 3" in body
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PENDING and consultation.sequence == 0
    assert not mail.outbox


def test_valid_arrangements_confirm_and_are_kept(client_for, advisor, book, slot_after):
    consultation = _pending(advisor, book, slot_after)
    response = client_for(advisor.user).post(
        reverse("advisors:confirm", args=[consultation.pk]), {"arrangements": "Room 3, second floor"}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CONFIRMED and consultation.arrangements == "Room 3, second floor"
    assert [m.to for m in mail.outbox] == [[consultation.learner.email]]


def test_others_cannot_confirm_even_with_a_bad_form(client_for, advisor, book, slot_after, member):
    consultation = _pending(advisor, book, slot_after)
    response = client_for(member).post(
        reverse("advisors:confirm", args=[consultation.pk]), {"arrangements": "x" * 2000}
    )
    assert response.status_code == 404
