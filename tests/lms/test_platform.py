"""Health, error pages, emails after commit, the calendar feed, search, page rules."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page

from home.models import HomePage, StandardPage
from lms.calendar import CalendarEvent, build_calendar, invitation_attachment, register_feed_provider
from lms.email import send_templated_email

pytestmark = pytest.mark.django_db


def test_health_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "status": "ok"}


def test_health_reports_cache_failure(client):
    with mock.patch("lms.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
    assert b"redis down" not in response.content


def test_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'<main id="main"' in response.content


def test_500_page_renders_without_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and "Traceback" not in html


def test_500_handler(rf):
    from lms.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500


@pytest.fixture
def invitation(organization):
    from organizations.factories import InvitationFactory

    return InvitationFactory(organization=organization)


def test_email_is_sent_only_after_commit(user, invitation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(
            to=user, template="organizations/invitation", context={"invitation": invitation, "url": "http://x"}
        )
        assert mail.outbox == []
    assert len(mail.outbox) == 1


def test_rolled_back_action_sends_no_email(user, invitation):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_templated_email(
            to=user, template="organizations/invitation", context={"invitation": invitation, "url": "http://x"}
        )
        raise RuntimeError
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND="tests.lms.failing_backend.FailingBackend")
def test_failing_mail_server_does_not_undo_the_action(
    client_for, organization, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(
            reverse("organizations:members", args=[organization.slug]), {"email": "a@example.org", "role": "member"}
        )
    assert response.status_code == 302
    assert organization.invitations.filter(email="a@example.org").exists()


def test_email_is_rendered_in_the_recipients_language(django_capture_on_commit_callbacks, organization, manager):
    from organizations.factories import UserFactory
    from organizations.services import invitation_create

    UserFactory(email="ja@example.org", preferred_language="ja")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(organization=organization, email="ja@example.org", role="member", invited_by=manager)
    assert mail.outbox[-1].to == ["ja@example.org"]


def _event(**kw):
    from datetime import UTC, datetime

    return CalendarEvent(
        uid="seminar-1@lms",
        start=datetime(2026, 5, 1, 1, 0, tzinfo=UTC),
        end=datetime(2026, 5, 1, 2, 0, tzinfo=UTC),
        summary="Accounting basics",
        **kw,
    )


def test_invitation_is_rfc5545():
    body = build_calendar([_event(sequence=2)], method="REQUEST").decode()
    for line in ["METHOD:REQUEST", "UID:seminar-1@lms", "DTSTART:20260501T010000Z", "SEQUENCE:2", "DTSTAMP:"]:
        assert line in body
    cancel = invitation_attachment(_event(sequence=3), cancel=True)
    assert "METHOD:CANCEL" in cancel.content and "STATUS:CANCELLED" in cancel.content
    assert cancel.mimetype.startswith("text/calendar; method=CANCEL")


def test_calendar_feed_lists_provider_events_and_token_can_be_reset(client_for, user, monkeypatch):
    from lms import calendar

    monkeypatch.setattr(calendar, "_providers", list(calendar._providers))  # this test's provider leaves with it
    register_feed_provider(lambda u: [_event()] if u.pk == user.pk else [])
    token = user.calendar_token
    assert len(token) >= 32
    response = client_for(None).get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"Accounting basics" in response.content
    assert client_for(None).get(reverse("calendar_feed", args=["wrong"])).status_code == 404
    client_for(user).post(reverse("calendar_token_reset"))
    user.refresh_from_db()
    assert user.calendar_token != token
    assert client_for(None).get(reverse("calendar_feed", args=[token])).status_code == 404


def test_search_shows_live_public_pages_only(client, home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index is updated on commit
        live = StandardPage(title="Fundraising guide", slug="fundraising-guide")
        home_page.add_child(instance=live)
        live.save_revision().publish()
        draft = StandardPage(title="Fundraising draft", slug="fundraising-draft", live=False)
        home_page.add_child(instance=draft)
    response = client.get(reverse("search"), {"q": "Fundraising"})
    assert b"<mark>Fundraising</mark> guide" in response.content
    assert b"draft" not in response.content
    assert client.get(reverse("search"), {"q": "x" * 5000}).status_code == 200


def test_page_type_rules(home_page):
    assert StandardPage.can_create_at(home_page)
    assert not HomePage.can_create_at(home_page)
    assert HomePage.can_exist_under(Page.get_first_root_node())


def test_home_page_and_japanese_prefix(client, home_page):
    assert client.get("/").status_code == 200
    response = client.get("/ja/")
    assert response.status_code == 200 and b'lang="ja"' in response.content


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_export_cells_never_start_like_a_formula(value):
    from lms.exports import safe_csv_cell

    assert safe_csv_cell(value) == "'" + value
    assert safe_csv_cell("plain") == "plain" and safe_csv_cell(None) == ""


def test_database_errors_give_a_plain_error_page(client_for, user):
    from django.db import OperationalError
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(user)
    with mock.patch("organizations.selectors.organization_list", side_effect=OperationalError("db is down")):
        response = client.get("/organizations/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "db is down" not in body and "Traceback" not in body and "OperationalError" not in body
