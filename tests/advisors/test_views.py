"""Pages: directory, consultation, access by relationship, attachments, dashboards, exports, feeds."""

import csv
import io
from datetime import UTC, time, timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisors.factories import (
    AdvisorProfileFactory,
    BlockedPeriodFactory,
    ConsultationFactory,
    ConsultationRecordFactory,
    DateOverrideFactory,
    WeeklyRuleFactory,
)
from advisors.models import Consultation, OutreachRequest, WeeklyRule
from advisors.selectors import home_highlights
from organizations.factories import MembershipFactory, UserFactory
from organizations.models import Membership
from tests.oncommit import committed

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def past_consultation(advisor, member, organization, topic, **extra):
    return ConsultationFactory(
        advisor=advisor,
        learner=member,
        organization=organization,
        topic=topic,
        start=timezone.now() - timedelta(days=2),
        **extra,
    )


def test_directory_and_filters(client, advisor, topic):
    AdvisorProfileFactory(slug="other-advisor", offers_phone=False)
    response = client.get(reverse("advisors:directory"))
    assert response.status_code == 200
    assert reverse("advisors:detail", args=["hanako-advisor"]) in response.content.decode()
    response = client.get(reverse("advisors:directory"), {"area": topic.slug})
    assert list(response.context["advisors"]) == [advisor]
    response = client.get(reverse("advisors:directory"), {"mode": "phone"})
    assert list(response.context["advisors"]) == [advisor]


def test_advisor_page_shows_slots_in_viewer_zone_with_advisor_time(client_for, advisor, member):
    advisor.time_zone = "Europe/London"
    advisor.save()
    member.time_zone = "Asia/Tokyo"
    member.save()
    response = client_for(member).get(advisor.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "advisor&#x27;s time" in body or "advisor's time" in body
    assert reverse("advisors:book", args=[advisor.slug]) + "?start=" in body


def test_unknown_or_inactive_advisor_is_404(client, advisor):
    advisor.is_active = False
    advisor.save()
    assert client.get(advisor.get_absolute_url()).status_code == 404
    assert client.get("/advisors/nobody/").status_code == 404


def test_consultation_needs_sign_in(client, advisor):
    response = client.get(reverse("advisors:book", args=[advisor.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_book_through_the_form_with_attachment(client_for, advisor, member, organization, topic, slot_after):
    slot = slot_after(advisor)
    url = reverse("advisors:book", args=[advisor.slug])
    client = client_for(member)
    assert client.get(url, {"start": slot.key}).status_code == 200
    response = client.post(
        url,
        {
            "start": slot.key,
            "organization": organization.pk,
            "topic": topic.pk,
            "mode": "online",
            "question": "How should we book restricted grants?",
            "attachment": SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf"),
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == consultation.get_absolute_url()
    assert consultation.attachment_name == "budget.pdf"
    assert "budget" not in consultation.attachment.name  # stored under an unguessable name

    attachment_url = reverse("advisors:attachment", args=[consultation.pk])
    assert client.get(attachment_url).status_code == 200
    assert client_for(advisor.user).get(attachment_url).status_code == 200
    stranger = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    assert client_for(stranger).get(attachment_url).status_code == 404
    assert client_for(AdvisorProfileFactory(slug="x").user).get(attachment_url).status_code == 404


def test_consultation_form_rejects_bad_attachment_and_taken_slot(
    client_for, advisor, member, organization, topic, slot_after
):
    slot = slot_after(advisor)
    url = reverse("advisors:book", args=[advisor.slug])
    data = {"start": slot.key, "organization": organization.pk, "topic": topic.pk, "mode": "online", "question": "Q"}
    response = client_for(member).post(
        url, {**data, "attachment": SimpleUploadedFile("budget.pdf", b"MZ\x90\x00", content_type="application/pdf")}
    )
    assert response.status_code == 200 and not Consultation.objects.exists()
    assert "does not match" in response.content.decode()
    response = client_for(member).post(
        url, {**data, "attachment": SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")}
    )
    assert response.status_code == 200 and not Consultation.objects.exists()
    ConsultationFactory(advisor=advisor, start=slot.start)
    response = client_for(member).post(url, data)
    assert response.status_code == 200
    assert "This time was just taken" in response.content.decode()
    assert Consultation.objects.count() == 1


def test_direct_post_for_time_outside_availability_is_refused(client_for, advisor, member, organization, topic):
    zone = advisor.zone
    night = (timezone.now().astimezone(zone) + timedelta(days=3)).replace(hour=3, minute=0, second=0, microsecond=0)
    key = night.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    response = client_for(member).post(
        reverse("advisors:book", args=[advisor.slug]),
        {"start": key, "organization": organization.pk, "topic": topic.pk, "mode": "online", "question": "Q"},
    )
    assert response.status_code == 200 and not Consultation.objects.exists()
    assert "not available at that time" in response.content.decode()


def test_consultation_access_by_relationship(client_for, advisor, member, organization, topic, other_organization):
    consultation = ConsultationFactory(advisor=advisor, learner=member, organization=organization, topic=topic)
    url = consultation.get_absolute_url()
    assert client_for(None).get(url).status_code == 302
    assert client_for(member).get(url).status_code == 200
    assert client_for(advisor.user).get(url).status_code == 200
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client_for(AdvisorProfileFactory(slug="other").user).get(url).status_code == 404
    other_manager = MembershipFactory(organization=other_organization, role=Membership.Role.MANAGER).user
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(member).get("/consultations/999999/").status_code == 404


def test_private_notes_visible_only_to_advisor_and_staff(
    client_for, advisor, member, organization, topic, programme_staff
):
    consultation = past_consultation(advisor, member, organization, topic, status=Consultation.Status.COMPLETED)
    ConsultationRecordFactory(
        consultation=consultation, summary="Shared summary text", private_notes="Secret advisor note"
    )
    manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    for user, sees_notes in [(advisor.user, True), (programme_staff, True), (member, False), (manager, False)]:
        body = client_for(user).get(consultation.get_absolute_url()).content.decode()
        assert "Shared summary text" in body
        assert ("Secret advisor note" in body) is sees_notes
    manager_body = client_for(manager).get(consultation.get_absolute_url()).content.decode()
    assert consultation.question not in manager_body


def test_advisor_confirms_records_and_learner_rates(client_for, advisor, member, organization, topic, slot_after, book):
    consultation = book(advisor, slot_after(advisor).start)
    assert client_for(member).post(reverse("advisors:confirm", args=[consultation.pk])).status_code == 404
    client_for(advisor.user).post(reverse("advisors:confirm", args=[consultation.pk]), {"arrangements": ""})
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CONFIRMED
    Consultation.objects.filter(pk=consultation.pk).update(start=timezone.now() - timedelta(hours=2))
    response = client_for(advisor.user).post(
        reverse("advisors:record", args=[consultation.pk]),
        {"outcome": "partly", "summary": "Budget reviewed.", "private_notes": "", "follow_up_1": "Send budget"},
    )
    assert response.status_code == 302
    client_for(member).post(reverse("advisors:feedback", args=[consultation.pk]), {"rating": "5", "comment": "Great"})
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.COMPLETED and consultation.feedback.rating == 5
    follow_up = consultation.follow_ups.get()
    client_for(member).post(reverse("advisors:follow_up_toggle", args=[follow_up.pk]), {"done": "1"})
    follow_up.refresh_from_db()
    assert follow_up.done


def test_cancel_and_reschedule_views(client_for, advisor, member, slot_after, book):
    consultation = book(advisor, slot_after(advisor).start)
    url = reverse("advisors:reschedule", args=[consultation.pk])
    response = client_for(member).get(url)
    assert response.status_code == 200
    new = slot_after(advisor, index=4)
    assert client_for(member).post(url, {"start": new.key}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.start == new.start
    client_for(member).post(reverse("advisors:cancel", args=[consultation.pk]), {"cancel-reason": "Plans changed"})
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CANCELLED and consultation.cancel_reason == "Plans changed"


def _add_volume(advisor, organization, topic, n_rules, n_consultations, offset):
    WeeklyRule.objects.filter(advisor=advisor).delete()
    for i in range(n_rules):
        WeeklyRuleFactory(advisor=advisor, weekday=i % 7, start_time=time(8 + i // 7), end_time=time(8 + i // 7, 45))
    for i in range(n_consultations):
        ConsultationFactory(
            advisor=advisor, organization=organization, topic=topic,
            start=timezone.now() + timedelta(days=1, hours=3 * i + 1.5 * offset),
        )  # fmt: skip
        ConsultationFactory(
            advisor=advisor, organization=organization, topic=topic,
            start=timezone.now() - timedelta(days=1, hours=3 * i + 1.5 * offset), status=Consultation.Status.COMPLETED,
        )  # fmt: skip
    now, today = timezone.now(), timezone.localdate()
    for i in range(n_consultations):
        DateOverrideFactory(
            advisor=advisor, date=today + timedelta(days=2 + i + offset * 12), start_time=time(9), end_time=time(11)
        )
        start = now + timedelta(days=20, hours=3 * i + 1.5 * offset)
        BlockedPeriodFactory(advisor=advisor, start=start, end=start + timedelta(hours=1))


def test_advisor_page_queries_do_not_grow(client_for, advisor, organization, topic, member, django_assert_num_queries):
    client = client_for(member)
    _add_volume(advisor, organization, topic, 2, 1, 0)
    cache.clear()  # both requests cold: the cached user, tools and pages would otherwise differ between them
    with CaptureQueriesContext(connection) as small:
        assert client.get(advisor.get_absolute_url()).status_code == 200
    _add_volume(advisor, organization, topic, 20, 12, 1)
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(advisor.get_absolute_url()).status_code == 200


def test_dashboard_queries_do_not_grow(client_for, advisor, organization, topic, django_assert_num_queries):
    learner = MembershipFactory(organization=organization).user
    client = client_for(advisor.user)
    learner_client = client_for(learner)

    def add(n, offset):
        for i in range(n):
            b = ConsultationFactory(
                advisor=advisor, learner=learner, organization=organization, topic=topic,
                start=timezone.now() - timedelta(days=3, hours=3 * i + 1.5 * offset),
                status=Consultation.Status.COMPLETED,
            )  # fmt: skip
            ConsultationRecordFactory(consultation=b)
            ConsultationFactory(
                advisor=advisor, learner=learner, organization=organization, topic=topic,
                start=timezone.now() + timedelta(days=3, hours=3 * i + 1.5 * offset),
                status=Consultation.Status.PENDING,
            )  # fmt: skip

    add(1, 0)
    cache.clear()  # every measured request cold: the cached user, tools and pages would otherwise differ
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("advisors:consultations")).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as small_learner:
        assert learner_client.get(reverse("advisors:consultations")).status_code == 200
    add(8, 1)
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(reverse("advisors:consultations")).status_code == 200
    cache.clear()
    with django_assert_num_queries(len(small_learner.captured_queries)):
        assert learner_client.get(reverse("advisors:consultations")).status_code == 200


def test_programme_overview_and_csv_export(client_for, advisor, member, organization, topic, programme_staff):
    consultation = past_consultation(advisor, member, organization, topic, status=Consultation.Status.COMPLETED)
    ConsultationRecordFactory(consultation=consultation, summary='=HYPERLINK("http://evil")')
    assert client_for(member).get(reverse("advisors:programme")).status_code == 404
    assert client_for(member).get(reverse("advisors:programme_export")).status_code == 404
    response = client_for(programme_staff).get(reverse("advisors:programme"), {"topic": topic.slug})
    assert response.status_code == 200
    assert response.context["overview"]["by_topic"][0]["total"] == 1
    response = client_for(programme_staff).get(reverse("advisors:programme_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "id" and len(rows) == 2
    assert rows[1][-1].startswith("'=")


def test_calendar_feed_shows_consultation_to_both_parties(client, advisor, member, organization, topic):
    consultation = ConsultationFactory(advisor=advisor, learner=member, organization=organization, topic=topic)
    for user in (member, advisor.user):
        body = client.get(reverse("calendar_feed", args=[user.calendar_token])).content.decode()
        assert f"consultation-{consultation.uid}@ngo-lms" in body
    other = UserFactory()
    body = client.get(reverse("calendar_feed", args=[other.calendar_token])).content.decode()
    assert "consultation-" not in body


def test_home_highlights(rf, advisor, member, organization, topic):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert home_highlights(request)[0]["items"][0]["url"] == advisor.get_absolute_url()
    ConsultationFactory(advisor=advisor, learner=member, organization=organization, topic=topic)
    request.user = member
    assert home_highlights(request)[0]["items"]
    request.user = advisor.user
    assert home_highlights(request)[0]["more_url"] == reverse("advisors:consultations")


def test_availability_management(client_for, advisor, member):
    url = reverse("advisors:availability")
    assert client_for(member).get(url).status_code == 404
    client = client_for(advisor.user)
    assert client.get(url).status_code == 200
    client.post(url, {"kind": "rule", "rule-weekday": "0", "rule-start_time": "18:00", "rule-end_time": "20:00"})
    assert advisor.weekly_rules.filter(start_time=time(18)).exists()
    response = client.post(
        url, {"kind": "rule", "rule-weekday": "0", "rule-start_time": "16:00", "rule-end_time": "19:00"}
    )
    assert "overlaps" in response.content.decode()
    day = timezone.localdate() + timedelta(days=5)
    client.post(url, {"kind": "blocked", "blocked-first_day": day, "blocked-last_day": day, "blocked-reason": "Trip"})
    assert advisor.blocked_periods.get().end - advisor.blocked_periods.get().start == timedelta(days=1)
    client.post(url, {"kind": "override", "override-day": day, "override-note": "Closed"})
    assert advisor.date_overrides.get().is_closed
    rule = advisor.weekly_rules.first()
    other = AdvisorProfileFactory(slug="other-adv")
    assert (
        client_for(other.user).post(reverse("advisors:availability_delete", args=["rule", rule.pk])).status_code == 404
    )
    client.post(reverse("advisors:availability_delete", args=["rule", rule.pk]))
    assert not advisor.weekly_rules.filter(pk=rule.pk).exists()


def test_outreach_flow(client_for, advisor, member, programme_staff, topic):
    client = client_for(member)
    response = client.post(
        reverse("advisors:outreach"),
        {
            "requester_kind": "school",
            "requester_name": "Sendai High School",
            "format": "lecture",
            "event_date": timezone.localdate() + timedelta(days=10),
            "place": "Gym",
            "audience": "Students",
            "theme": "Working for an NGO",
            "topic": topic.pk,
        },
    )
    item = OutreachRequest.objects.get()
    assert response.status_code == 302
    url = reverse("advisors:outreach_detail", args=[item.pk])
    assert client_for(UserFactory()).get(url).status_code == 404
    client_for(programme_staff).post(url, {"action": "assign", "assign-advisor": advisor.pk})
    client_for(advisor.user).post(url, {"action": "confirm"})
    item.refresh_from_db()
    assert item.status == OutreachRequest.Status.CONFIRMED
    OutreachRequest.objects.filter(pk=item.pk).update(event_date=timezone.localdate() - timedelta(days=1))
    client_for(advisor.user).post(url, {"action": "report", "report-attendance": "40", "report-topics_raised": "Jobs"})
    item.refresh_from_db()
    assert item.status == OutreachRequest.Status.REPORTED and item.attendance == 40


def test_manager_sees_shared_outcomes_of_their_organization(client_for, advisor, member, organization, topic):
    consultation = past_consultation(advisor, member, organization, topic, status=Consultation.Status.COMPLETED)
    ConsultationRecordFactory(consultation=consultation)
    pending = ConsultationFactory(advisor=advisor, learner=member, organization=organization, topic=topic)
    manager = MembershipFactory(organization=organization, role=Membership.Role.MANAGER).user
    response = client_for(manager).get(reverse("advisors:consultations"))
    assert response.context["organization_outcomes"] == [consultation]
    assert client_for(manager).get(consultation.get_absolute_url()).status_code == 200
    assert client_for(manager).get(pending.get_absolute_url()).status_code == 404


def test_advisor_declines_with_reason(client_for, advisor, member, slot_after, book):
    consultation = book(advisor, slot_after(advisor).start)
    url = reverse("advisors:decline", args=[consultation.pk])
    client_for(advisor.user).post(url, {"decline-reason": ""})
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PENDING
    client_for(advisor.user).post(url, {"decline-reason": "Please ask my colleague in Osaka"})
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.DECLINED
    assert "colleague in Osaka" in client_for(member).get(consultation.get_absolute_url()).content.decode()


def test_a_reason_too_long_to_keep_is_refused_with_a_message(client_for, advisor, member, slot_after, book):
    consultation = book(advisor, slot_after(advisor).start)
    for name, field in (("advisors:decline", "decline-reason"), ("advisors:cancel", "cancel-reason")):
        response = client_for(advisor.user).post(
            reverse(name, args=[consultation.pk]), {field: "x" * 5000}, follow=True
        )
        consultation.refresh_from_db()
        assert consultation.status == Consultation.Status.PENDING
        assert "at most 2000 characters" in response.content.decode()


def test_directory_and_programme_queries_do_not_grow(
    client_for, advisor, organization, topic, programme_staff, django_assert_num_queries
):
    from organizations.factories import CapacityAreaFactory

    def add(n, offset):
        for i in range(n):
            other = AdvisorProfileFactory(slug=f"adv-{offset}-{i}")
            other.expertise.set([topic, CapacityAreaFactory()])
            ConsultationFactory(
                advisor=other, organization=organization, topic=topic, status=Consultation.Status.COMPLETED,
                start=timezone.now() - timedelta(days=10 + i, hours=2 * offset),
            )  # fmt: skip

    staff = client_for(programme_staff)
    anonymous = client_for(None)
    add(1, 0)
    cache.clear()  # every measured request cold: the cached user and tools would otherwise differ
    with CaptureQueriesContext(connection) as directory:
        assert anonymous.get(reverse("advisors:directory")).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as programme:
        assert staff.get(reverse("advisors:programme")).status_code == 200
    add(6, 1)
    cache.clear()
    with django_assert_num_queries(len(directory.captured_queries)):
        assert anonymous.get(reverse("advisors:directory")).status_code == 200
    cache.clear()
    with django_assert_num_queries(len(programme.captured_queries)):
        assert staff.get(reverse("advisors:programme")).status_code == 200


def test_pages_are_translated_into_japanese(client, advisor):
    body = client.get("/ja/advisors/").content.decode()
    assert "NGO相談員" in body
    assert "空き時間" in client.get(f"/ja/advisors/{advisor.slug}/").content.decode()


def test_export_is_audited(client_for, programme_staff):
    from lms.models import AuditEvent

    client_for(programme_staff).get(reverse("advisors:programme_export"), {"month": "2026-04"})
    event = AuditEvent.objects.get(action="advisors.consultations_exported")
    assert event.actor == programme_staff and event.details["month"] == "2026-04"


def test_follow_up_consultation_is_linked(client_for, advisor, member, organization, topic, slot_after):
    earlier = past_consultation(advisor, member, organization, topic, status=Consultation.Status.COMPLETED)
    page = client_for(member).get(advisor.get_absolute_url(), {"follow_up": earlier.pk}).content.decode()
    assert f"follow_up={earlier.pk}" in page
    slot = slot_after(advisor)
    client_for(member).post(
        reverse("advisors:book", args=[advisor.slug]) + f"?follow_up={earlier.pk}",
        {
            "start": slot.key,
            "organization": organization.pk,
            "topic": topic.pk,
            "mode": "online",
            "question": "Next steps",
            "follow_up_of": earlier.pk,
        },
    )
    assert Consultation.objects.get(start=slot.start).follow_up_of == earlier


def test_reminder_command(advisor, member, organization, topic, mailoutbox):
    from django.core.management import call_command

    ConsultationFactory(
        advisor=advisor, learner=member, organization=organization, topic=topic,
        start=timezone.now() + timedelta(hours=10),
    )  # fmt: skip
    out = io.StringIO()
    with committed():
        call_command("send_consultation_reminders", stdout=out)
    assert "1 reminder" in out.getvalue()
    assert any("Reminder" in m.subject for m in mailoutbox)


def test_malformed_parameters_never_cause_errors(client_for, advisor, member, organization, topic):
    client = client_for(member)
    assert client.get(advisor.get_absolute_url(), {"follow_up": "<x>"}).status_code == 200
    url = reverse("advisors:book", args=[advisor.slug])
    assert client.get(url, {"start": "garbage", "follow_up": "x"}).status_code == 200
    response = client.post(
        url,
        {"start": "garbage", "organization": organization.pk, "topic": topic.pk, "mode": "online", "question": "Q"},
    )
    assert response.status_code == 200 and "open slots" in response.content.decode()
    assert client.get(reverse("advisors:directory"), {"page": "x", "area": "nope"}).status_code == 200
    assert client.get(reverse("advisors:consultations")).status_code == 200


def test_journey_find_book_confirm_record_rate(client_for, advisor, member, organization, topic, mailoutbox):
    """The issue's "done when", as a new user would go through it."""
    import re

    learner = client_for(member)
    directory = learner.get(reverse("advisors:directory"), {"area": topic.slug}).content.decode()
    assert advisor.get_absolute_url() in directory
    page = learner.get(advisor.get_absolute_url()).content.decode()
    book_url = re.search(r'href="(/advisors/[^"]+/book/\?start=[^"&]+)"', page).group(1)
    form = learner.get(book_url)
    start = form.context["start"]
    response = learner.post(
        book_url,
        {
            "start": book_url.split("start=")[1],
            "organization": organization.pk,
            "topic": topic.pk,
            "mode": "online",
            "question": "How do we separate restricted grants in our accounts?",
        },
    )
    consultation = Consultation.objects.get()
    assert response["Location"] == consultation.get_absolute_url() and consultation.start == start
    learner_mail = next(m for m in mailoutbox if m.to == [member.email])
    assert "METHOD:REQUEST" in learner_mail.attachments[0][1]

    advisor_client = client_for(advisor.user)
    advisor_client.post(
        reverse("advisors:confirm", args=[consultation.pk]), {"arrangements": "https://meet.example.org/x"}
    )
    consultation.refresh_from_db()
    assert consultation.status == "confirmed"
    assert "https://meet.example.org/x" in learner.get(consultation.get_absolute_url()).content.decode()

    Consultation.objects.filter(pk=consultation.pk).update(
        start=timezone.now() - timedelta(hours=1), end=timezone.now()
    )
    advisor_client.post(
        reverse("advisors:record", args=[consultation.pk]),
        {"outcome": "partly", "summary": "Set up fund accounting.", "follow_up_1": "Share the revised ledger"},
    )
    learner.post(reverse("advisors:feedback", args=[consultation.pk]), {"rating": "5", "comment": "Clear advice"})
    page = learner.get(consultation.get_absolute_url()).content.decode()
    assert "Set up fund accounting." in page and "Share the revised ledger" in page and "5 out of 5" in page


def test_admin_viewsets_answer(client_for, advisor):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(admin)
    for url in [
        "/admin/snippets/advisors/advisorprofile/",
        "/admin/snippets/advisors/advisorprofile/add/",
        f"/admin/snippets/advisors/advisorprofile/edit/{advisor.pk}/",
        "/admin/snippets/advisors/outreachrequest/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.get("Location"))


def test_languages_are_named_in_the_readers_language(client_for, advisor):
    advisor.languages = "Japanese, English, Tetum"
    advisor.save(update_fields=["languages"])
    url = advisor.get_absolute_url()
    japanese = client_for(None).get("/ja" + url).content.decode()
    assert "日本語, 英語, Tetum" in japanese  # a name Django does not know is shown as written
    english = client_for(None).get(url).content.decode()
    assert "Japanese, English, Tetum" in english
    directory = client_for(None).get("/ja/advisors/?language=English").content.decode()
    assert "日本語, 英語, Tetum" in directory  # the filter still matches the English names as written
