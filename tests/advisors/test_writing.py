"""Consultation questions and consultation records are written in Markdown, previewed, and mailed formatted."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from advisors.models import Consultation

pytestmark = pytest.mark.django_db

QUESTION = "We need help with:\n\n- **restricted** grants\n- audit fees"


def _form(slot, organization, topic, **extra):
    return {"start": slot.key, "organization": organization.pk, "topic": topic.pk, "mode": "online", **extra}


def test_consultation_question_preview_then_consultation_mails_it_formatted(
    client_for, advisor, member, organization, topic, slot_after
):
    slot = slot_after(advisor)
    url = reverse("advisors:book", args=[advisor.slug])
    client = client_for(member)
    preview = client.post(url, _form(slot, organization, topic, question=QUESTION, preview="1"))
    assert preview.status_code == 200 and not Consultation.objects.exists()
    page = preview.content.decode()
    assert "<li><strong>restricted</strong> grants</li>" in page and "Formatting help" in page

    mail.outbox.clear()
    response = client.post(url, _form(slot, organization, topic, question=QUESTION))
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and consultation.question == QUESTION
    (to_advisor,) = [m for m in mail.outbox if m.to == [advisor.user.email]]
    html = to_advisor.alternatives[0][0]
    assert "<p>We need help with:</p>" in html and "<li><strong>restricted</strong> grants</li>" in html
    assert "We need help with:\n\n- restricted grants\n- audit fees" in to_advisor.body

    detail = client_for(advisor.user).get(consultation.get_absolute_url()).content.decode()
    assert "<li><strong>restricted</strong> grants</li>" in detail


def test_record_preview_and_save(client_for, advisor, book, slot_after):
    consultation = book(advisor, slot_after(advisor).start)
    client = client_for(advisor.user)
    client.post(reverse("advisors:confirm", args=[consultation.pk]), {"arrangements": ""})
    Consultation.objects.filter(pk=consultation.pk).update(start=timezone.now() - timedelta(hours=2))
    url = reverse("advisors:record", args=[consultation.pk])
    data = {"outcome": "resolved", "summary": "Agreed:\n\n1. open a *separate* account\n2. ask the auditor"}
    preview = client.post(url, data | {"preview": "1"})
    assert preview.status_code == 200
    assert "<li>open a <em>separate</em> account</li>" in preview.content.decode()
    assert not hasattr(Consultation.objects.get(pk=consultation.pk), "record")
    assert client.post(url, data).status_code == 302
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "<ol>\n<li>open a <em>separate</em> account</li>" in page


FOLLOW_UP = "Before the next session:\n\n- send the **revised** budget\n- ask the auditor\n\n<script>alert(1)</script>"


def test_follow_up_actions_are_markdown_previewed_and_shown_formatted(client_for, advisor, member, book, slot_after):
    consultation = book(advisor, slot_after(advisor).start)
    client = client_for(advisor.user)
    client.post(reverse("advisors:confirm", args=[consultation.pk]), {"arrangements": ""})
    Consultation.objects.filter(pk=consultation.pk).update(start=timezone.now() - timedelta(hours=2))
    url = reverse("advisors:record", args=[consultation.pk])
    data = {"outcome": "partly", "summary": "Partly answered.", "follow_up_1": FOLLOW_UP}

    preview = client.post(url, data | {"preview": "1"}).content.decode()
    assert preview.count("Formatting help") >= 3  # summary, notes and both follow-up actions
    shown = preview.split('aria-label="Preview of Follow-up action 1"')[1].split("</section>")[0]
    assert "<p>Before the next session:</p>" in shown and "<li>send the <strong>revised</strong> budget</li>" in shown
    assert "<script>" not in shown
    assert not consultation.follow_ups.exists()

    assert client.post(url, data).status_code == 302
    follow_up = consultation.follow_ups.get()
    assert follow_up.description == FOLLOW_UP  # stored as typed, rendered on the way out
    for viewer in (advisor.user, member):
        page = client_for(viewer).get(consultation.get_absolute_url()).content.decode()
        assert "<p>Before the next session:</p>" in page
        assert "<ul>\n<li>send the <strong>revised</strong> budget</li>\n<li>ask the auditor</li>\n</ul>" in page
        assert "<script>alert(1)</script>" not in page  # typed tags are only ever text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Lists and the learner's home show it as one line of plain text.
    assert follow_up.title.startswith("Before the next session: - send the revised budget")
    listing = client_for(member).get(reverse("advisors:consultations")).content.decode()
    assert f">{escape(follow_up.title)}</a>" in listing


def test_a_follow_up_without_text_is_not_saved(client_for, advisor, book, slot_after):
    consultation = book(advisor, slot_after(advisor).start)
    client = client_for(advisor.user)
    client.post(reverse("advisors:confirm", args=[consultation.pk]), {"arrangements": ""})
    Consultation.objects.filter(pk=consultation.pk).update(start=timezone.now() - timedelta(hours=2))
    url = reverse("advisors:record", args=[consultation.pk])
    assert client.post(url, {"outcome": "resolved", "summary": "Done.", "follow_up_1": "**  **"}).status_code == 302
    assert not consultation.follow_ups.exists()
    response = client.post(url, {"outcome": "resolved", "summary": "Done.", "follow_up_2": "x" * 1001})
    assert response.status_code == 200 and "field-errors" in response.content.decode()
