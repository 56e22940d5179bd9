from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from lms.errors import ServiceError
from lms.markdown import render_markdown
from organizations.factories import CapacityAreaFactory, UserFactory
from placements import selectors, services
from placements.factories import MilestoneFactory, ResearcherProfileFactory, next_window_start
from placements.models import Milestone, Placement, PlacementReportPage, Report, ReportComment, ResearcherProfile

S = Placement.State


def test_only_a_manager_can_request(organization, member, area):
    start = next_window_start()
    with pytest.raises(ServiceError, match="manager"):
        services.placement_request(
            organization=organization,
            requested_by=member,
            capacity_area=area,
            goals="Grow",
            start_date=start,
            end_date=date(start.year, 12, 31),
        )
    assert not Placement.objects.exists()


def test_request_enforces_the_period_rule(organization, manager, area):
    start = next_window_start()
    with pytest.raises(ServiceError, match="at least 5 months"):
        services.placement_request(
            organization=organization,
            requested_by=manager,
            capacity_area=area,
            goals="Grow",
            start_date=start,
            end_date=date(start.year, 9, 30),
        )
    assert not Placement.objects.exists()


def test_match_requires_an_accepted_available_free_researcher(make_placement, programme_staff, area):
    placement = make_placement(S.REQUESTED)
    applied = ResearcherProfileFactory(status=ResearcherProfile.Status.APPLIED).user
    with pytest.raises(ServiceError, match="accepted"):
        services.placement_match(placement=placement, by=programme_staff, researcher=applied)
    busy_from_later = ResearcherProfileFactory(available_from=placement.start_date + timedelta(days=30)).user
    with pytest.raises(ServiceError, match="not available"):
        services.placement_match(placement=placement, by=programme_staff, researcher=busy_from_later)
    busy = ResearcherProfileFactory().user
    make_placement(S.ACTIVE, researcher=busy)
    with pytest.raises(ServiceError, match="already has a placement"):
        services.placement_match(placement=placement, by=programme_staff, researcher=busy)
    placement.refresh_from_db()
    assert placement.state == S.REQUESTED and placement.researcher is None


def test_candidates_filter_by_speciality_and_availability(make_placement, area, researcher):
    placement = make_placement(S.REQUESTED)
    other_area = CapacityAreaFactory()
    ResearcherProfileFactory(specialities=[other_area])
    late = ResearcherProfileFactory(specialities=[area], available_until=placement.start_date).user
    ResearcherProfileFactory(specialities=[area], status=ResearcherProfile.Status.APPLIED)
    assert [p.user for p in selectors.researcher_candidates(placement, capacity_area=area)] == [researcher]
    everyone = {p.user for p in selectors.researcher_candidates(placement, capacity_area=area, available_only=False)}
    assert everyone == {researcher, late}


def test_researcher_acceptance_adds_the_group(programme_staff, user, area):
    profile = services.researcher_apply(
        user=user,
        specialities=[area],
        languages="Japanese",
        biography="Accountant",
        available_from=None,
        available_until=None,
        cv=SimpleUploadedFile("cv.pdf", b"%PDF-1.4"),
    )
    assert profile.status == ResearcherProfile.Status.APPLIED
    assert profile.cv.name.startswith("placements/cv/") and "cv.pdf" not in profile.cv.name
    assert not Path(profile.cv.path).is_relative_to(settings.MEDIA_ROOT)  # never served as public media
    with pytest.raises(ServiceError):
        services.researcher_set_status(profile=profile, by=user, status="accepted")
    services.researcher_set_status(profile=profile, by=programme_staff, status="accepted")
    user.refresh_from_db()
    assert user.groups.filter(name="Researchers").exists()


@pytest.mark.parametrize(
    ("state", "role", "allowed"),
    [
        (S.APPROVED, "researcher", True),
        (S.ACTIVE, "host", True),
        (S.ACTIVE, "staff", True),
        (S.ACTIVE, "member", False),
        (S.ACTIVE, "other_manager", False),
        (S.MATCHED, "researcher", False),
        (S.COMPLETED, "researcher", False),
        (S.COMPLETED, "host", False),
    ],
)
def test_milestone_rules(state, role, allowed, people, make_placement):
    placement = make_placement(state)
    args = {"placement": placement, "by": people[role], "title": "Baseline", "due_date": placement.start_date}
    if allowed:
        assert services.milestone_create(**args).pk
    else:
        with pytest.raises(ServiceError):
            services.milestone_create(**args)
        assert not Milestone.objects.exists()


def test_milestone_due_date_within_period(people, make_placement):
    placement = make_placement(S.ACTIVE)
    with pytest.raises(ServiceError, match="period"):
        services.milestone_create(
            placement=placement, by=people["researcher"], title="x", due_date=placement.end_date + timedelta(days=1)
        )


def test_reminders_go_once_to_researcher_and_host(
    people, make_placement, mailoutbox, django_capture_on_commit_callbacks
):
    placement = make_placement(S.ACTIVE)
    today = placement.start_date
    due = MilestoneFactory(placement=placement, due_date=today + timedelta(days=3))
    MilestoneFactory(placement=placement, due_date=today + timedelta(days=30))
    MilestoneFactory(placement=placement, due_date=today + timedelta(days=2), status=Milestone.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.milestone_send_reminders(today=today, days=7) == 1
        assert services.milestone_send_reminders(today=today, days=7) == 0
    assert sorted(mailoutbox[0].to + mailoutbox[1].to) == sorted([people["host"].email, people["researcher"].email])
    due.refresh_from_db()
    assert due.reminder_sent_at is not None


def test_reminder_command_runs_the_task(make_placement, capsys):
    placement = make_placement(S.ACTIVE, start_date=timezone.localdate() - timedelta(days=10))
    placement.end_date = timezone.localdate() + timedelta(days=100)
    placement.save()
    MilestoneFactory(placement=placement, due_date=timezone.localdate() + timedelta(days=1))
    call_command("send_placement_reminders")
    assert "sent: 1" in capsys.readouterr().out


def test_report_markdown_is_kept_as_written_and_rendered_inert(people, make_placement):
    placement = make_placement(S.ACTIVE)
    text = '**Hi**\r\n\n<p onclick="x()"><script>alert(1)</script></p> [l](javascript:alert(1))'
    report = services.report_create(
        placement=placement, by=people["researcher"], kind=Report.Kind.PROGRESS, title="Month 1", body=text
    )
    assert report.body == text.replace("\r\n", "\n")
    html = str(render_markdown(report.body))
    assert html.startswith("<p><strong>Hi</strong></p>")
    assert "<script" not in html and "<p onclick" not in html and 'href="javascript' not in html
    assert report.status == Report.Status.DRAFT


def test_only_the_researcher_writes_and_only_while_active(people, make_placement):
    placement = make_placement(S.ACTIVE)
    for role in ("host", "staff"):
        with pytest.raises(ServiceError):
            services.report_create(placement=placement, by=people[role], kind="progress", title="x", body="<p>x</p>")
    report = services.report_create(
        placement=placement, by=people["researcher"], kind="progress", title="x", body="<p>x</p>"
    )
    Placement.objects.filter(pk=placement.pk).update(state=S.COMPLETED)
    report.placement.refresh_from_db()
    with pytest.raises(ServiceError, match="only while the placement is active"):
        services.report_update(report=report, by=people["researcher"], title="y", body="<p>y</p>")
    with pytest.raises(ServiceError):
        services.report_submit(report=report, by=people["researcher"])


def test_final_report_needs_every_section(people, make_placement):
    placement = make_placement(S.ACTIVE)
    report = services.report_create(
        placement=placement, by=people["researcher"], kind="final", title="Final", findings="<p>f</p>"
    )
    with pytest.raises(ServiceError, match="Host overview"):
        services.report_submit(report=report, by=people["researcher"])
    with pytest.raises(ServiceError, match="already has a final report"):
        services.report_create(placement=placement, by=people["researcher"], kind="final", title="Again")


def test_review_rules(people, make_placement, make_report):
    placement = make_placement(S.ACTIVE)
    progress = make_report(placement)
    final = make_report(placement, kind=Report.Kind.FINAL)
    with pytest.raises(ServiceError, match="Only programme staff can approve a final report"):
        services.report_approve(report=final, by=people["host"])
    with pytest.raises(ServiceError):
        services.report_approve(report=progress, by=people["researcher"])
    with pytest.raises(ServiceError):
        services.report_approve(report=progress, by=people["other_manager"])
    services.report_request_changes(report=progress, by=people["host"], comment="Add numbers")
    assert progress.status == Report.Status.CHANGES_REQUESTED
    assert progress.comments.get().requests_changes
    services.report_submit(report=progress, by=people["researcher"])
    services.report_approve(report=progress, by=people["host"])
    assert progress.status == Report.Status.APPROVED


def test_internal_comments_are_staff_only(people, make_placement, make_report):
    report = make_report(make_placement(S.ACTIVE))
    with pytest.raises(ServiceError):
        services.report_comment(report=report, by=people["host"], body="secret", internal=True)
    services.report_comment(report=report, by=people["staff"], body="secret", internal=True)
    services.report_comment(report=report, by=people["host"], body="hello")
    host_access = selectors.access_for(people["host"], report.placement)
    staff_access = selectors.access_for(people["staff"], report.placement)
    assert [c.body for c in selectors.visible_comments(report, host_access)] == ["hello"]
    assert selectors.visible_comments(report, staff_access).count() == 2
    with pytest.raises(ServiceError):
        services.report_comment(report=report, by=people["outsider"], body="hi")
    assert ReportComment.objects.count() == 2


def test_final_approval_publishes_when_the_approver_may_publish(people, make_placement, make_report, home_page):
    from django.contrib.auth.models import Group

    staff = people["staff"]
    staff.groups.add(Group.objects.get(name="Moderators"))  # Wagtail's default group may publish pages
    staff = type(staff).objects.get(pk=staff.pk)
    report = make_report(make_placement(S.ACTIVE), kind=Report.Kind.FINAL, summary="What we learned")
    services.report_approve(report=report, by=staff)
    page = PlacementReportPage.objects.get()
    assert (
        page.live
        and page.findings == str(render_markdown(report.findings))
        and page.organization == report.placement.organization
    )
    assert list(selectors.published_reports_for_organization(report.placement.organization)) == [page]
    services.placement_complete(placement=report.placement, by=staff)


def test_final_approval_goes_to_moderation_otherwise(people, make_placement, make_report, home_page):
    report = make_report(make_placement(S.ACTIVE), kind=Report.Kind.FINAL)
    services.report_approve(report=report, by=people["staff"])
    page = PlacementReportPage.objects.get()
    assert not page.live
    assert page.workflow_in_progress
    assert not selectors.published_reports_for_organization(report.placement.organization).exists()


def test_calendar_feed_has_milestones(people, make_placement):
    from lms.calendar import feed_events

    placement = make_placement(S.ACTIVE)
    MilestoneFactory(placement=placement, title="Baseline")
    assert any("Baseline" in e.summary for e in feed_events(people["researcher"]))
    assert not any("Baseline" in e.summary for e in feed_events(UserFactory()))
