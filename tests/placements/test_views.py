import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page

from organizations.factories import MembershipFactory, OrganizationFactory
from organizations.models import Membership
from placements.factories import MilestoneFactory, PlacementFactory, next_window_start
from placements.models import (
    Placement,
    PlacementReportIndexPage,
    PlacementReportPage,
    Report,
    ReportAttachment,
    ReportComment,
)

S = Placement.State


def test_anonymous_is_sent_to_login(client_for, make_placement):
    placement = make_placement()
    for url in (reverse("placements:list"), placement.get_absolute_url(), reverse("placements:export")):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_detail_by_relationship(people, make_placement, client_for):
    placement = make_placement(S.ACTIVE)
    for role, status in [
        ("staff", 200),
        ("host", 200),
        ("researcher", 200),
        ("member", 404),
        ("other_manager", 404),
        ("outsider", 404),
    ]:
        assert client_for(people[role]).get(placement.get_absolute_url()).status_code == status, role


def test_list_shows_each_viewer_their_placements(people, make_placement, client_for, other_organization, area):
    mine = make_placement(S.ACTIVE)
    theirs = PlacementFactory(organization=other_organization, capacity_area=area)
    expectations = {
        "staff": {mine, theirs},
        "host": {mine},
        "researcher": {mine},
        "other_manager": {theirs},
        "outsider": set(),
    }
    for role, expected in expectations.items():
        response = client_for(people[role]).get(reverse("placements:list"))
        assert response.status_code == 200
        assert set(response.context["placements"]) == expected, role


def test_staff_filters(people, make_placement, client_for):
    make_placement(S.ACTIVE)
    requested = make_placement(S.REQUESTED)
    response = client_for(people["staff"]).get(reverse("placements:list"), {"state": "requested"})
    assert list(response.context["placements"]) == [requested]


def test_staff_filter_by_fiscal_year_is_named_fy_like_the_dashboards(people, make_placement, client_for):
    """The fiscal year is ``fy`` here as on the progress dashboards; the list and its export agree."""
    from datetime import date

    this_year = make_placement(S.REQUESTED)
    year = this_year.start_date.year
    make_placement(S.REQUESTED, start_date=date(year + 1, 6, 1), end_date=date(year + 1, 12, 31))
    client = client_for(people["staff"])
    response = client.get(reverse("placements:list"), {"fy": year})
    assert list(response.context["placements"]) == [this_year]
    assert 'name="fy"' in response.content.decode() and 'name="year"' not in response.content.decode()
    export = client.get(reverse("placements:export"), {"fy": year})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [str(this_year.pk)]


@pytest.mark.parametrize("role", ["staff", "host", "researcher"])
def test_list_query_count_is_constant(role, people, client_for, django_assert_num_queries, make_placement):
    """Two data sizes, same number of queries, for every kind of viewer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(people[role])
    url = reverse("placements:list")
    make_placement(S.ACTIVE)
    client.get(url)  # the header's tools are cached per person: measure both sizes warm
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for state in (S.MATCHED, S.APPROVED, S.ACTIVE, S.COMPLETED, S.COMPLETED, S.WITHDRAWN):
        MilestoneFactory(placement=make_placement(state))
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["placements"]) == 7


def test_csv_export_is_staff_only_and_neutralises_formulas(people, client_for, area):
    evil = OrganizationFactory(name='=HYPERLINK("http://x")')
    PlacementFactory(organization=evil, capacity_area=area)
    assert client_for(people["host"]).get(reverse("placements:export")).status_code == 404
    response = client_for(people["staff"]).get(reverse("placements:export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://x")'


def test_manager_requests_a_placement(manager, organization, area, client_for):
    start = next_window_start()
    client = client_for(manager)
    data = {
        "organization": organization.pk,
        "capacity_area": area.pk,
        "goals": "Better accounts",
        "start_date": start.isoformat(),
        "end_date": start.replace(month=8, day=31).isoformat(),
    }
    response = client.post(reverse("placements:request"), data)
    assert response.status_code == 200 and "at least 5 months" in response.content.decode()
    data["end_date"] = start.replace(month=12, day=31).isoformat()
    response = client.post(reverse("placements:request"), data)
    placement = Placement.objects.get()
    assert response.status_code == 302 and response["Location"] == placement.get_absolute_url()
    assert placement.state == S.REQUESTED and placement.transitions.get().actor == manager


def test_request_page_is_for_managers(member, client_for):
    assert client_for(member).get(reverse("placements:request")).status_code == 404


def test_match_and_approve_through_the_site(people, make_placement, client_for, researcher):
    placement = make_placement(S.REQUESTED)
    staff = client_for(people["staff"])
    match_url = reverse("placements:match", args=[placement.pk])
    response = staff.get(match_url)
    assert [c.user for c in response.context["candidates"]] == [researcher]
    staff.post(match_url, {"researcher": researcher.pk})
    staff.post(reverse("placements:transition", args=[placement.pk, "approve"]))
    placement.refresh_from_db()
    assert placement.state == S.APPROVED
    assert client_for(people["host"]).get(match_url).status_code == 404


def test_refused_transition_shows_message_and_changes_nothing(people, make_placement, client_for):
    placement = make_placement(S.REQUESTED)
    response = client_for(people["host"]).post(
        reverse("placements:transition", args=[placement.pk, "approve"]), follow=True
    )
    assert "Only programme staff can approve" in response.content.decode()
    placement.refresh_from_db()
    assert placement.state == S.REQUESTED
    url = reverse("placements:transition", args=[placement.pk, "approve"])
    assert client_for(people["outsider"]).post(url).status_code == 404


def test_drafts_are_the_researchers_own(people, make_placement, make_report, client_for):
    draft = make_report(make_placement(S.ACTIVE), status=Report.Status.DRAFT)
    assert client_for(people["researcher"]).get(draft.get_absolute_url()).status_code == 200
    for role in ("host", "staff", "outsider", "other_manager"):
        assert client_for(people[role]).get(draft.get_absolute_url()).status_code == 404, role


def test_internal_comments_hidden_from_host_and_researcher(people, make_placement, make_report, client_for):
    report = make_report(make_placement(S.ACTIVE))
    ReportComment.objects.create(report=report, author=people["staff"], body="staff-only note", internal=True)
    ReportComment.objects.create(report=report, author=people["host"], body="host note")
    assert "staff-only note" in client_for(people["staff"]).get(report.get_absolute_url()).content.decode()
    for role in ("host", "researcher"):
        body = client_for(people[role]).get(report.get_absolute_url()).content.decode()
        assert "host note" in body and "staff-only note" not in body, role


def test_host_cannot_post_internal_comment(people, make_placement, make_report, client_for):
    report = make_report(make_placement(S.ACTIVE))
    client_for(people["host"]).post(
        reverse("placements:report_comment", args=[report.pk]), {"body": "x", "internal": "on"}
    )
    assert not ReportComment.objects.exists()


def test_report_rendering_is_sanitized(people, make_placement, make_report, client_for):
    report = make_report(make_placement(S.ACTIVE), body="ok\n\n- *one*\n\n<script>alert(1)</script>")
    body = client_for(people["host"]).get(report.get_absolute_url()).content.decode()
    assert "<p>ok</p>\n<ul>\n<li><em>one</em></li>" in body and "<script>alert" not in body


def test_researcher_writes_a_report_then_loses_write_access(people, make_placement, client_for):
    placement = make_placement(S.ACTIVE)
    client = client_for(people["researcher"])
    create_url = reverse("placements:report_create", args=[placement.pk, "progress"])
    client.post(create_url, {"title": "Month one", "summary": "s", "body": "<p>Done</p>"})
    report = Report.objects.get()
    client.post(
        reverse("placements:report_attachment_add", args=[report.pk]),
        {"title": "Survey", "file": SimpleUploadedFile("survey.csv", b"a,b\n")},
    )
    attachment = ReportAttachment.objects.get()
    assert client.get(attachment.get_absolute_url()).status_code == 200
    assert client_for(people["outsider"]).get(attachment.get_absolute_url()).status_code == 404
    assert client_for(people["host"]).get(attachment.get_absolute_url()).status_code == 404  # still a draft
    client.post(reverse("placements:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert client_for(people["host"]).get(attachment.get_absolute_url()).status_code == 200
    Placement.objects.filter(pk=placement.pk).update(state=S.COMPLETED)
    assert client.get(create_url).status_code == 404
    assert client.get(reverse("placements:report_edit", args=[report.pk])).status_code == 404
    assert client.get(placement.get_absolute_url()).status_code == 200  # can still read


def test_milestone_views(people, make_placement, client_for):
    placement = make_placement(S.ACTIVE)
    client = client_for(people["researcher"])
    url = reverse("placements:milestone_create", args=[placement.pk])
    client.post(url, {"title": "Baseline", "due_date": placement.start_date.isoformat(), "status": "planned"})
    milestone = placement.milestones.get()
    edit = reverse("placements:milestone_edit", args=[placement.pk, milestone.pk])
    client_for(people["host"]).post(
        edit, {"title": "Baseline", "due_date": placement.start_date.isoformat(), "status": "done"}
    )
    milestone.refresh_from_db()
    assert milestone.status == "done" and milestone.completed_at
    assert client_for(people["outsider"]).get(edit).status_code == 404


def test_cv_is_served_only_to_those_related(people, make_placement, client_for, researcher):
    profile = researcher.researcher_profile
    profile.cv = SimpleUploadedFile("cv.pdf", b"%PDF-1.4 cv")
    profile.save()
    url = reverse("placements:researcher_cv", args=[profile.pk])
    assert client_for(people["host"]).get(url).status_code == 404  # not matched with the host yet
    make_placement(S.MATCHED)
    for role, status in [("researcher", 200), ("staff", 200), ("host", 200), ("other_manager", 404), ("outsider", 404)]:
        assert client_for(people[role]).get(url).status_code == status, role


def test_researcher_application_and_staff_review(user, programme_staff, area, client_for):
    client = client_for(user)
    response = client.post(
        reverse("placements:researcher_apply"),
        {"specialities": [area.pk], "languages": "Japanese", "biography": "Hi", "available_from": "2027-04-01"},
    )
    assert response.status_code == 302
    profile = user.researcher_profile
    assert client.get(reverse("placements:researchers")).status_code == 404
    staff = client_for(programme_staff)
    assert profile in staff.get(reverse("placements:researchers")).context["profiles"]
    staff.post(reverse("placements:researcher_status", args=[profile.pk]), {"status": "accepted"})
    profile.refresh_from_db()
    assert profile.status == "accepted"


def test_report_pages_tree_rules(home_page):
    assert Page.can_create_at.__func__  # classmethod exists
    assert PlacementReportIndexPage.can_create_at(home_page)
    assert not PlacementReportPage.can_create_at(home_page)


def test_published_report_page_is_public(people, make_placement, make_report, client_for, home_page):
    from placements import services

    report = make_report(make_placement(S.ACTIVE), kind=Report.Kind.FINAL, findings="Found **it**")
    services.report_publish(
        report=Report.objects.filter(pk=report.pk).update(status=Report.Status.APPROVED) and Report.objects.get(),
        by=people["staff"],
        publish_now=True,
    )
    page = PlacementReportPage.objects.get()
    response = client_for(None).get(page.url)
    assert response.status_code == 200 and "Found <strong>it</strong>" in response.content.decode()
    index = page.get_parent()
    assert page.title in client_for(None).get(index.url).content.decode()


def test_home_highlights(people, make_placement, rf):
    from placements.selectors import home_highlights

    make_placement(S.ACTIVE)
    request = rf.get("/")
    request.user = people["host"]
    assert home_highlights(request)[0]["items"]


@pytest.mark.parametrize("role", ["host", "researcher"])
def test_detail_query_count_does_not_grow_with_milestones(
    people, make_placement, client_for, role, django_assert_max_num_queries
):
    placement = make_placement(S.ACTIVE)
    MilestoneFactory(placement=placement)
    client = client_for(people[role])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(placement.get_absolute_url())
    for _ in range(5):
        MilestoneFactory(placement=placement)
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        client.get(placement.get_absolute_url())


def test_other_manager_of_same_org_name_cannot_see(make_placement, client_for, organization):
    make_placement(S.ACTIVE)
    former = MembershipFactory(organization=organization, role=Membership.Role.MANAGER)
    former.role = Membership.Role.MEMBER
    former.save()
    assert not client_for(former.user).get(reverse("placements:list")).context["placements"]


def test_staff_declines_with_a_reason_through_the_site(people, make_placement, client_for):
    placement = make_placement(S.REQUESTED)
    staff = client_for(people["staff"])
    page = staff.get(placement.get_absolute_url()).content.decode()
    assert page.count('id="id_decline-reason"') == 1 and 'id="id_withdraw-reason"' not in page
    assert reverse("placements:withdraw", args=[placement.pk]) in page
    url = reverse("placements:transition", args=[placement.pk, "decline"])
    staff.post(url, {"decline-reason": ""})
    placement.refresh_from_db()
    assert placement.state == S.REQUESTED
    staff.post(url, {"decline-reason": "No researcher is free this year."})
    placement.refresh_from_db()
    assert placement.state == S.DECLINED and placement.decision_reason == "No researcher is free this year."
    assert "No researcher is free" in client_for(people["host"]).get(placement.get_absolute_url()).content.decode()


def test_a_reason_too_long_to_keep_is_refused_with_a_message(people, make_placement, client_for):
    placement = make_placement(S.REQUESTED)
    url = reverse("placements:transition", args=[placement.pk, "decline"])
    response = client_for(people["staff"]).post(url, {"decline-reason": "x" * 30_000}, follow=True)
    placement.refresh_from_db()
    assert placement.state == S.REQUESTED and placement.decision_reason == ""
    assert "at most 20000 characters" in response.content.decode()


def test_japanese_pages(people, make_placement, client_for):
    placement = make_placement(S.ACTIVE)
    body = client_for(people["host"]).get(f"/ja{placement.get_absolute_url()}").content.decode()
    # "Active" is shared with other apps' catalogues; the project catalogue's wording may win.
    assert "作業計画" in body and any(word in body for word in ("派遣中", "進行中", "活動中"))


def test_transitions_and_exports_are_audited(people, make_placement, client_for):
    from lms.models import AuditEvent

    placement = make_placement(S.MATCHED)
    client = client_for(people["staff"])
    client.post(reverse("placements:transition", args=[placement.pk, "approve"]))
    client.get(reverse("placements:export"))
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"placement.approve", "placements.export"} <= actions


def test_bad_input_is_a_404_or_a_message_never_a_500(people, make_placement, client_for):
    placement = make_placement(S.REQUESTED)
    staff = client_for(people["staff"])
    assert staff.post(reverse("placements:match", args=[placement.pk]), {"researcher": "abc"}).status_code == 404
    assert staff.post(reverse("placements:transition", args=[placement.pk, "explode"])).status_code == 404
    assert staff.get(reverse("placements:transition", args=[placement.pk, "approve"])).status_code == 405
    assert staff.get(reverse("placements:report_create", args=[placement.pk, "novel"])).status_code == 404
    response = staff.post(
        reverse("placements:researcher_status", args=[people["researcher"].researcher_profile.pk]), {"status": "x"}
    )
    assert response.status_code == 302


def test_organization_reports_tag(people, make_placement, make_report, home_page, organization, other_organization):
    from django.template import Context, Template

    from placements import services

    report = make_report(make_placement(S.ACTIVE), kind=Report.Kind.FINAL, status=Report.Status.APPROVED)
    services.report_publish(report=report, by=people["staff"], publish_now=True)
    template = Template("{% load placements_tags %}{% organization_placement_reports org %}")
    assert report.title in template.render(Context({"org": organization}))
    assert report.title not in template.render(Context({"org": other_organization}))


def test_organization_reports_tag_lists_reports_in_the_readers_language(
    people, make_placement, make_report, home_page, organization, django_assert_max_num_queries
):
    from django.template import Context, Template
    from django.utils import translation
    from wagtail.models import Locale

    from placements import services
    from placements.models import PlacementReportPage

    report = make_report(make_placement(S.ACTIVE), kind=Report.Kind.FINAL, status=Report.Status.APPROVED)
    services.report_publish(report=report, by=people["staff"], publish_now=True)
    page = PlacementReportPage.objects.get(organization=organization)
    japanese = page.copy_for_translation(Locale.objects.get(language_code="ja"), copy_parents=True, alias=False)
    japanese.title, japanese.summary = "収入源の多様化", "日本語の要約です。"
    japanese.save_revision().publish()
    template = Template("{% load placements_tags %}{% organization_placement_reports org %}")
    english = template.render(Context({"org": organization}))
    assert page.title in english and "収入源の多様化" not in english
    with translation.override("ja"):
        template.render(Context({"org": organization}))  # the capacity areas' names, cached once for all pages
        with django_assert_max_num_queries(3):  # one more than in English
            html = template.render(Context({"org": organization}))
    assert "収入源の多様化" in html and "日本語の要約です。" in html and page.title not in html


# Withdrawing: a confirmation page first, then the POST ------------------------------------------


def test_withdraw_asks_for_confirmation_first(people, make_placement, client_for):
    placement = make_placement(S.MATCHED)
    url = reverse("placements:withdraw", args=[placement.pk])
    host = client_for(people["host"])
    assert url in host.get(placement.get_absolute_url()).content.decode()
    page = host.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "You cannot take it back" in body and 'id="id_withdraw-reason"' in body
    assert f'action="{url}"' in body and "Keep it" in body and placement.get_absolute_url() in body
    placement.refresh_from_db()
    assert placement.state == S.MATCHED  # looking at the question changes nothing


def test_withdraw_post_withdraws_and_says_so(people, make_placement, client_for):
    placement = make_placement(S.REQUESTED)
    url = reverse("placements:withdraw", args=[placement.pk])
    response = client_for(people["host"]).post(url, {"withdraw-reason": "Budget was cut."}, follow=True)
    placement.refresh_from_db()
    assert placement.state == S.WITHDRAWN and placement.decision_reason == "Budget was cut."
    assert response.redirect_chain[-1][0] == placement.get_absolute_url()
    assert "You withdrew this placement." in response.content.decode()


def test_staff_may_withdraw_too(people, make_placement, client_for):
    placement = make_placement(S.APPROVED)
    client = client_for(people["staff"])
    assert client.get(reverse("placements:withdraw", args=[placement.pk])).status_code == 200
    client.post(reverse("placements:withdraw", args=[placement.pk]), {"withdraw-reason": ""})
    placement.refresh_from_db()
    assert placement.state == S.WITHDRAWN


@pytest.mark.parametrize("role", ["researcher", "member", "other_manager", "outsider"])
def test_withdraw_by_the_wrong_person_is_404(role, people, make_placement, client_for):
    placement = make_placement(S.MATCHED)
    url = reverse("placements:withdraw", args=[placement.pk])
    client = client_for(people[role])
    assert client.get(url).status_code == 404
    assert client.post(url, {"withdraw-reason": "No"}).status_code == 404
    placement.refresh_from_db()
    assert placement.state == S.MATCHED


def test_withdraw_anonymous_is_sent_to_login(make_placement, client_for):
    placement = make_placement(S.REQUESTED)
    response = client_for(None).get(reverse("placements:withdraw", args=[placement.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_withdraw_with_a_reason_too_long_keeps_the_text_and_acts_not(people, make_placement, client_for):
    placement = make_placement(S.REQUESTED)
    reason = "x" * 30_000
    response = client_for(people["host"]).post(
        reverse("placements:withdraw", args=[placement.pk]), {"withdraw-reason": reason}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "at most 20000 characters" in body and reason in body
    placement.refresh_from_db()
    assert placement.state == S.REQUESTED


def test_withdraw_once_too_late_says_why(people, make_placement, client_for):
    placement = make_placement(S.ACTIVE)
    client = client_for(people["host"])
    url = reverse("placements:withdraw", args=[placement.pk])
    page = client.get(url, follow=True)
    assert page.redirect_chain[-1][0] == placement.get_absolute_url()
    assert "can no longer be withdrawn" in page.content.decode()
    client.post(url, {"withdraw-reason": ""})
    placement.refresh_from_db()
    assert placement.state == S.ACTIVE
