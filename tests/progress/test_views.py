import random
import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from lms.fiscal import current_fiscal_year
from organizations.factories import MembershipFactory
from progress.factories import TargetFactory, submitted_response
from progress.models import AssessmentResponse, Target


def test_manager_fills_in_and_submits_the_assessment(client_for, organization, manager, assessment):
    client = client_for(manager)
    start = client.post(reverse("progress:assessment_start", args=[organization.slug]))
    response = AssessmentResponse.objects.get(organization=organization)
    assert start.status_code == 302 and start["Location"].endswith(response.get_absolute_url())
    form_page = client.get(response.get_absolute_url())
    assert form_page.status_code == 200
    assert b"Not in place." in form_page.content  # level descriptions are shown
    indicators = list(assessment.indicators.all())
    draft = {f"score_{i.pk}": "2" for i in indicators[:2]} | {"summary": "First go"}
    client.post(response.get_absolute_url(), draft)
    response.refresh_from_db()
    assert response.is_draft and response.summary == "First go"
    incomplete = client.post(response.get_absolute_url(), draft | {"submit": "1"}, follow=True)
    assert b"Score every indicator" in incomplete.content
    complete = {f"score_{i.pk}": str(1 + n % 4) for n, i in enumerate(indicators)} | {"submit": "1"}
    done = client.post(response.get_absolute_url(), complete)
    assert done.status_code == 302
    response.refresh_from_db()
    assert response.status == AssessmentResponse.Status.SUBMITTED
    # The submitted response reads back, and the dashboard shows its scores.
    assert client.get(response.get_absolute_url()).status_code == 200
    page = client.get(reverse("progress:organization", args=[organization.slug]))
    assert b"Latest score per capacity area" in page.content
    assert b"Governance" in page.content


def test_targets_show_progress(client_for, organization, manager, areas, assessment):
    client = client_for(manager)
    fy = current_fiscal_year()
    submitted_response(
        organization=organization,
        assessment=assessment,
        fiscal_year=fy,
        scores=dict.fromkeys(assessment.indicators.all(), 3),
    )
    today = timezone.localdate()
    created = client.post(
        reverse("progress:target_create", args=[organization.slug]),
        {
            "title": "Governance reaches 3",
            "metric": Target.Metric.ASSESSMENT_SCORE,
            "target_value": 3,
            "capacity_area": areas[0].pk,
            "start_date": today.replace(day=1).isoformat(),
            "due_date": today.replace(year=today.year + 1).isoformat(),
        },
    )
    assert created.status_code == 302
    MembershipFactory(organization=organization)
    TargetFactory(organization=organization, title="Two new colleagues", target_value=2)
    page = client.get(reverse("progress:organization", args=[organization.slug]))
    text = page.content.decode()
    assert "Governance reaches 3" in text and "Two new colleagues" in text
    assert "Achieved" in text  # score 3 of 3, and at least two members joined this year
    target = Target.objects.get(title="Governance reaches 3")
    edit = client.get(reverse("progress:target_edit", args=[organization.slug, target.pk]))
    assert edit.status_code == 200
    client.post(reverse("progress:target_status", args=[organization.slug, target.pk]), {"status": "archived"})
    assert Target.objects.get(pk=target.pk).status == Target.Status.ARCHIVED
    page = client.get(reverse("progress:organization", args=[organization.slug])).content.decode()
    assert "1 archived target" in page
    client.post(reverse("progress:target_status", args=[organization.slug, target.pk]), {"status": "active"})
    assert Target.objects.get(pk=target.pk).status == Target.Status.ACTIVE
    assert (
        client.post(
            reverse("progress:target_status", args=[organization.slug, target.pk]), {"status": "deleted"}
        ).status_code
        == 404
    )


def test_charts_are_accessible_svg_without_inline_style(client_for, organization, manager, assessment):
    for fy in (current_fiscal_year() - 1, current_fiscal_year()):
        submitted_response(
            organization=organization,
            assessment=assessment,
            fiscal_year=fy,
            scores={i: random.Random(fy).randint(1, 4) for i in assessment.indicators.all()},
        )
    html = client_for(manager).get(reverse("progress:organization", args=[organization.slug])).content.decode()
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script (CSP)
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) >= 3
    for svg in svgs:
        root = ET.fromstring(svg)  # noqa: S314 -- our own rendered page
        assert root.get("role") == "img"
        ns = "{http://www.w3.org/2000/svg}"
        title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # Each chart has its data table beside it.
    assert html.count("<caption>") >= len(svgs)


def test_programme_dashboard_lists_organizations(client_for, programme_staff, organization, other_organization):
    client = client_for(programme_staff)
    page = client.get(reverse("progress:programme"), {"fy": "all"})
    assert page.status_code == 200 and "style=" not in page.content.decode()
    listing = client.get(reverse("progress:programme_organizations"), {"fy": "all"})
    assert organization.name.encode() in listing.content and other_organization.name.encode() in listing.content
    region = client.get(reverse("progress:programme_organizations"), {"region": organization.region.slug})
    assert organization.name.encode() in region.content
    assert other_organization.name.encode() not in region.content
    MembershipFactory(organization=other_organization)
    by_members = client.get(reverse("progress:programme_organizations"), {"order": "members"}).content.decode()
    assert by_members.index(other_organization.name) < by_members.index(organization.name)
    by_name = client.get(reverse("progress:programme_organizations"), {"order": "bogus"}).content.decode()
    assert by_name.index(organization.name) < by_name.index(other_organization.name)


@pytest.mark.django_db
def test_learner_progress_tag_shows_only_the_viewer(member, organization):
    colleague = MembershipFactory(organization=organization).user
    html = Template("{% load progress_tags %}{% learner_progress user %}").render(Context({"user": member}))
    assert "Your progress" in html
    assert str(organization) in html
    assert colleague.get_full_name() not in html


@pytest.mark.django_db
def test_demo_loader_is_idempotent():
    from django.utils import timezone as tz

    from home import demo_platform
    from lms.demo import DemoContext
    from progress import demo

    def run():
        ctx = DemoContext(rng=random.Random(2024), now=tz.now())
        demo_platform.load(ctx)
        demo.load(ctx)
        return ctx

    ctx = run()
    counts = (AssessmentResponse.objects.count(), Target.objects.count())
    run()
    assert (AssessmentResponse.objects.count(), Target.objects.count()) == counts
    assert AssessmentResponse.objects.filter(organization=ctx.organizations[0]).count() == 2
    assert ctx.created_urls


def test_admin_viewsets_load(client_for, assessment):
    from organizations.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(admin)
    for name in ("assessment", "assessmentresponse", "target"):
        assert client.get(reverse(f"wagtailsnippets_progress_{name}:list")).status_code == 200, name
    assert client.get(reverse("wagtailsnippets_progress_assessment:add")).status_code == 200
    edit = client.get(reverse("wagtailsnippets_progress_assessment:edit", args=[assessment.pk]))
    assert edit.status_code == 200 and b"level 4" in edit.content.lower()


def test_home_highlights(rf, manager, member, programme_staff, organization):
    from django.contrib.auth.models import AnonymousUser

    from progress.selectors import home_highlights

    def for_user(user):
        request = rf.get("/")
        request.user = user
        return home_highlights(request)

    assert for_user(AnonymousUser()) == []
    assert for_user(member) == []
    [section] = for_user(manager)
    assert section["items"][0]["url"] == reverse("progress:organization", args=[organization.slug])
    assert for_user(programme_staff)[0]["more_url"] == reverse("progress:programme")


def test_members_are_paged_on_the_dashboard_but_exported_whole(client_for, organization, manager, monkeypatch):
    from progress import selectors

    monkeypatch.setattr(selectors.organization, "MEMBERS_PER_PAGE", 2)
    others = [MembershipFactory(organization=organization).user for _ in range(2)]
    client = client_for(manager)
    url = reverse("progress:organization", args=[organization.slug])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert b"Page 1 of 2" in first.content and b"Page 2 of 2" in second.content
    assert client.get(url, {"page": "99"}).status_code == 200
    export = client.get(reverse("progress:organization_export", args=[organization.slug, "members", "csv"]))
    text = export.content.decode("utf-8-sig")
    assert all(user.email.split("@")[0] in text or user.get_full_name() in text for user in [manager, *others])
    assert len(text.strip().splitlines()) == 1 + 3


def test_dashboard_in_japanese(client_for, organization, manager):
    page = client_for(manager).get("/ja" + reverse("progress:organization", args=[organization.slug]))
    assert page.status_code == 200
    assert "進捗ダッシュボード" in page.content.decode()


def test_answered_indicators_cannot_be_removed_in_the_admin(client_for, organization, assessment):
    from organizations.factories import UserFactory

    submitted_response(
        organization=organization,
        assessment=assessment,
        fiscal_year=2025,
        scores=dict.fromkeys(assessment.indicators.all(), 2),
    )
    admin = UserFactory(is_superuser=True, is_staff=True)
    url = reverse("wagtailsnippets_progress_assessment:edit", args=[assessment.pk])
    response = client_for(admin).post(url, {"title": "Changed", "indicators-0-DELETE": "1"})
    assert response.status_code == 302 and response["Location"] == url
    assert assessment.indicators.count() == 6
    assessment.refresh_from_db()
    assert assessment.title == "NGO capacity"


def test_recommendations_follow_the_weakest_areas(client_for, organization, manager, assessment, areas, home_page):
    from datetime import timedelta

    from advisors.factories import AdvisorProfileFactory
    from courses.factories import (
        CourseIndexPageFactory,
        CoursePageFactory,
        SeminarIndexPageFactory,
        SeminarPageFactory,
        SeminarSessionFactory,
    )
    from studygroups.factories import StudyGroupFactory

    governance, finance, fundraising = areas
    scores = {i: (1 if i.capacity_area == finance else 4) for i in assessment.indicators.all()}
    submitted_response(
        organization=organization, assessment=assessment, fiscal_year=current_fiscal_year(), scores=scores
    )
    catalogue = CourseIndexPageFactory(parent=home_page)
    weak = CoursePageFactory(parent=catalogue, title="Bookkeeping for NGOs")
    weak.capacity_areas.set([finance])
    weak.save_revision().publish()
    seminars = SeminarIndexPageFactory(parent=home_page)
    seminar = SeminarPageFactory(parent=seminars, title="Audit preparation day")
    seminar.capacity_areas.set([finance])
    seminar.save_revision().publish()
    SeminarSessionFactory(seminar=seminar, starts_at=timezone.now() + timedelta(days=10))
    advisor = AdvisorProfileFactory(expertise=[finance])
    group = StudyGroupFactory(title="Transparent accounts", status="recruiting")
    group.capacity_areas.set([finance])
    strong = CoursePageFactory(parent=catalogue, title="Board basics")
    strong.capacity_areas.set([governance])
    strong.save_revision().publish()
    html = client_for(manager).get(reverse("progress:organization", args=[organization.slug])).content.decode()
    section = html[html.index("Recommended for your weakest areas") :]
    assert "Board basics" not in section  # governance scores 4: nothing to recommend
    for text in ("Bookkeeping for NGOs", "Audit preparation day", "Transparent accounts", str(advisor)):
        assert text in section, text


def test_members_table_counts_each_members_own_activity(organization, other_organization):
    from datetime import timedelta

    from advisors.factories import ConsultationFactory
    from advisors.models import Consultation
    from organizations.factories import UserFactory
    from organizations.models import Membership
    from progress.selectors import members_table
    from studygroups.factories import GroupMembershipFactory

    # Users without memberships first, so membership ids and user ids differ.
    UserFactory.create_batch(3)
    busy = MembershipFactory(organization=organization)
    idle = MembershipFactory(organization=organization)
    assert busy.pk != busy.user_id
    GroupMembershipFactory(user=busy.user, organization=organization)
    ConsultationFactory(membership=busy, status=Consultation.Status.COMPLETED, start=timezone.now() - timedelta(days=2))
    table = members_table(organization, None)
    rows = {row[0]: row for row in table.rows}
    assert rows[busy.user.get_full_name()][-2:] == [1, 1]
    assert rows[idle.user.get_full_name()][-2:] == [0, 0]
    assert Membership.objects.filter(organization=organization).count() == 2


def test_course_and_seminar_figures_for_the_organization_and_one_member(organization, home_page):
    from datetime import timedelta

    from courses.factories import (
        CourseIndexPageFactory,
        CoursePageFactory,
        EnrollmentFactory,
        SeminarIndexPageFactory,
        SeminarPageFactory,
        SeminarRegistrationFactory,
        SeminarSessionFactory,
    )
    from progress.selectors import organization_dashboard

    learner, colleague = (MembershipFactory(organization=organization).user for _ in range(2))
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Grant writing")
    EnrollmentFactory(user=learner, course=course, organization=organization, completed_at=timezone.now())
    EnrollmentFactory(user=colleague, course=course, organization=organization)
    seminar = SeminarPageFactory(parent=SeminarIndexPageFactory(parent=home_page), title="Safety day")
    session = SeminarSessionFactory(seminar=seminar, starts_at=timezone.now() - timedelta(days=1))
    SeminarRegistrationFactory(session=session, user=learner, organization=organization, seat=1, attended=True)

    whole = organization_dashboard(organization, None, None)
    assert whole["figures"]["courses"]["completions"] == 1
    assert whole["figures"]["courses"]["enrollments"] == 2
    assert whole["figures"]["seminars"]["attended"] == 1
    assert whole["tables"]["courses"].rows == [["Grant writing", 2, 1, 50]]
    mine = organization_dashboard(organization, None, learner)
    assert mine["figures"]["courses"]["enrollments"] == 1 and mine["figures"]["seminars"]["attended"] == 1
    theirs = organization_dashboard(organization, None, colleague)
    assert theirs["figures"]["courses"]["completions"] == 0 and theirs["figures"]["seminars"]["attended"] == 0
