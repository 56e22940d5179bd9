"""Authorization matrix: every URL of the site, requested as anonymous and as every demo role.

The expectations live in ``tests/authz_table.py``. This module builds a concrete path for every
row from the demo data (objects found by their natural keys), requests it with GET as each role
and compares the answer. A guard test fails when the URL map and the table drift apart, so a new
URL cannot ship without a decision about who may see it.

Besides the status, a few rows check content: text that only some of those who get a 200 may read
(``content_checks``: the lesson body, an advisor's private notes, an organization's member list, a
study group's members-only section).

Not covered, on purpose:
- ``/admin/`` (the Wagtail admin) and ``/documents/`` (Wagtail document serving): Wagtail's own
  permission system and collection privacy, tested by Wagtail and the moderation journey;
- allauth's internal steps (email confirmation keys, password-reset keys, reauthentication, MFA
  setup steps, login codes): they need flow state a plain GET cannot give; the doors people use
  (login, signup, logout, password reset, email, password change, 2FA index) are in the table;
- ``wagtail_serve`` is covered with concrete demo pages instead of its catch-all pattern.

Set ``AUTHZ_RECORD=1`` to print the observed answers as table rows instead of asserting.
"""

import os
import uuid
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.authz_table import ANON, ROLES, TABLE, expected_for

LOGIN_PATH = "/accounts/login/"

# allauth's own account internals (email confirmation keys, reauthentication, MFA steps) are
# allauth's to get right and need flow state a GET cannot give; these few are the doors people use.
ALLAUTH_KEPT = {
    "account_login",
    "account_signup",
    "account_logout",
    "account_reset_password",
    "account_email",
    "account_change_password",
    "mfa_index",
}


def _walk(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, pattern


def _excluded(route: str, name, pattern) -> bool:
    """What the matrix does not cover, and why (see the module docstring of the table)."""
    if route.startswith(("admin/", "documents/")):
        return True  # the Wagtail admin and its document serving: Wagtail's own permission system
    if settings.DEBUG and route.startswith(settings.MEDIA_URL.lstrip("/")):
        return True
    module = getattr(pattern.callback, "__module__", "") or ""
    return module.startswith("allauth.") and name not in ALLAUTH_KEPT


def site_url_names() -> set[str]:
    names = set()
    for route, name, pattern in _walk(get_resolver()):
        if _excluded(route, name, pattern):
            continue
        names.add(name or f"<unnamed {route}>")
    return names


# Concrete paths from the demo data --------------------------------------------------------------

content_checks: dict[str, tuple[str, set[str]]] = {}


def build_paths(ctx) -> dict[str, str]:
    from wagtail.models import Page

    from advisors.demo import DEMO_NAMESPACE
    from advisors.models import AdvisorProfile, Consultation, FollowUp, OutreachRequest, WeeklyRule
    from courses.models import Certificate, CoursePage, LessonPage, SeminarPage, SeminarRegistration
    from organizations.models import (
        Invitation,
        JoinRequest,
        Membership,
        MembershipRemoval,
        OrganizationApplication,
        User,
    )
    from placements.models import Milestone, Placement, Report, ReportAttachment, ResearcherProfile
    from progress.models import AssessmentResponse, Target
    from studygroups.models import Document, GroupMembership, Meeting, Post, ReportChapter, StudyGroup, Thread

    users = ctx.users
    content_checks.clear()
    learner, manager, advisor_user, researcher = (
        users["learner"],
        users["manager"],
        users["advisor"],
        users["researcher"],
    )
    org = ctx.organizations[0]

    # Organizations: a pending invitation of org A (nobody in the demo holds it).
    invitation, _ = Invitation.objects.get_or_create(
        organization=org,
        email="authz-invitee@example.org",
        defaults={"invited_by": manager, "expires_at": timezone.now() + timezone.timedelta(days=7)},
    )
    learner_membership = Membership.objects.get(organization=org, user=learner)
    removed_user, _ = User.objects.get_or_create(email="authz-removed@example.org")
    removal, _ = MembershipRemoval.objects.get_or_create(
        organization=org, user=removed_user, defaults={"role": "member", "joined_at": timezone.now()}
    )
    join_request = JoinRequest.objects.filter(organization=org, status="pending").order_by("pk").first()
    application = OrganizationApplication.objects.order_by("pk").first()

    # Courses: the learner's finished course, its lessons, certificate and a seminar registration.
    certificate = Certificate.objects.filter(enrollment__user=learner).select_related("enrollment").first()
    other_certificate = Certificate.objects.filter(enrollment__user=users["learner2"]).first()
    course = CoursePage.objects.get(pk=certificate.enrollment.course_id)
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    preview = next(lesson for lesson in lessons if lesson.is_preview)
    locked = next(lesson for lesson in lessons if not lesson.is_preview)
    registration = (
        SeminarRegistration.objects.filter(user=learner).select_related("session__seminar").order_by("pk").first()
    )
    session = registration.session
    seminar = SeminarPage.objects.live().order_by("path").first()

    # Advisors: the demo advisor's profile, the learner's completed consultation with them.
    profile = AdvisorProfile.objects.get(user=advisor_user)
    consultation = Consultation.objects.get(uid=uuid.uuid5(DEMO_NAMESPACE, "p1"))  # completed
    pending = Consultation.objects.get(uid=uuid.uuid5(DEMO_NAMESPACE, "u1"))  # upcoming, not yet confirmed
    assert consultation.learner_id == pending.learner_id == learner.pk
    assert consultation.advisor_id == pending.advisor_id == profile.pk
    if not consultation.attachment:
        consultation.attachment.save("question.pdf", ContentFile(b"%PDF-1.4 authz matrix\n"), save=False)
        consultation.attachment_name = "question.pdf"
        consultation.save(update_fields=["attachment", "attachment_name"])
    follow_up = FollowUp.objects.filter(consultation=consultation).first()
    rule = WeeklyRule.objects.filter(advisor=profile).order_by("pk").first()
    outreach = OutreachRequest.objects.filter(advisor=profile).order_by("pk").first()
    unassigned = OutreachRequest.objects.filter(advisor__isnull=True).order_by("pk").first()

    # Study groups: the active workspace the facilitator runs and learner (and learner2) belong to.
    group = StudyGroup.objects.get(slug="financial-transparency")
    gm = GroupMembership.objects.get(group=group, user=learner)
    meeting = Meeting.objects.filter(group=group).order_by("starts_at").first()
    thread = Thread.objects.filter(group=group).order_by("pk").first()
    post = Post.objects.filter(thread__group=group, author=learner).order_by("pk").first() or (
        Post.objects.filter(thread=thread).order_by("pk").first()
    )
    document = Document.objects.filter(group=group).select_related("current_version").order_by("pk").first()
    chapter = ReportChapter.objects.filter(group=group).order_by("pk").first()
    g = f"/study-groups/{group.slug}/"
    published_group = StudyGroup.objects.get(slug="small-ngo-evaluation")  # learner is not a member
    foreign_thread = Thread.objects.filter(group=published_group).order_by("pk").first()
    foreign_document = Document.objects.filter(group=published_group).order_by("pk").first()

    # Placements: the active placement hosted by org A with the demo researcher.
    placement = Placement.objects.get(organization=org, researcher=researcher, state="active")
    requested = Placement.objects.filter(organization=org, state="requested").order_by("pk").first()
    milestone = Milestone.objects.filter(placement=placement).order_by("pk").first()
    report = Report.objects.filter(placement=placement).order_by("pk").first()
    attachment = ReportAttachment.objects.filter(report__placement__organization=org).order_by("pk").first()
    if attachment is None:
        attachment = ReportAttachment(report=report, uploaded_by=researcher)
        attachment.file.save("annex.pdf", ContentFile(b"%PDF-1.4 authz matrix\n"), save=False)
        attachment.save()
    researcher_profile = ResearcherProfile.objects.get(user=researcher)

    # Progress: org A's latest self-assessment response and a target.
    response = AssessmentResponse.objects.filter(organization=org).order_by("-fiscal_year").first()
    target = Target.objects.filter(organization=org).order_by("pk").first()
    other = ctx.organizations[1]
    other_response = AssessmentResponse.objects.filter(organization=other).order_by("-fiscal_year").first()
    other_target = Target.objects.filter(organization=other).order_by("pk").first()
    p = f"/organizations/{org.slug}/progress/"

    # Text only some of those who get a 200 may read: label -> (text, roles that see it).
    lesson_text = locked.body[0].value.source.removeprefix("<p>")[:40]
    content_checks.update(
        {
            "wagtail_serve[non-preview lesson]": (lesson_text, {"learner", "manager"}),
            "advisors:consultation": ("director stretched thin", {"advisor", "staff", "admin"}),  # private notes
            "organizations:detail": ('id="members-heading"', {"learner", "manager", "staff", "admin"}),
            # The group's description and recent activity are for members; the summary is public.
            "studygroups:detail": ('id="desc-heading"', {"learner", "learner2", "facilitator"}),
        }
    )

    def page_url(slug: str) -> str:
        page = Page.objects.live().filter(slug=slug).order_by("depth").first()
        return page.url

    final = Report.objects.filter(page__isnull=False, page__live=True).select_related("page").first()

    from lms.models import OutboxEmail

    failed_email, _ = OutboxEmail.objects.get_or_create(
        subject="authz matrix", defaults={"to": ["nobody@example.org"], "body": "x", "status": "failed"}
    )

    return {
        # project-level
        "health": "/health/",
        "set_language": "/i18n/setlang/",
        "calendar_feed": f"/calendar/{learner.calendar_token}.ics",
        "calendar_feed[unknown token]": "/calendar/not-a-real-token.ics",
        "profile": "/accounts/profile/",
        "policies:consent": "/accounts/consent/",
        "policy": "/policies/terms/",
        "calendar_token_reset": "/accounts/calendar/reset/",
        "calendar": "/calendar/",
        "calendar_event_ics": f"/calendar/event/consultation/{pending.pk}.ics",
        "privacy:data": "/accounts/data/",
        "privacy:export_request": "/accounts/data/export/",
        "privacy:export_download[unknown export]": "/accounts/data/export/999999/download/",
        "privacy:erasure_confirm": "/accounts/data/delete/",
        "privacy:erasure_cancel": "/accounts/data/delete/999999/cancel/",
        "privacy:email_preferences": "/accounts/email-preferences/",
        "privacy:request_log": "/programme/data-requests/",
        "email_unsubscribe[bad token]": "/email/unsubscribe/not-a-token/",
        "search": "/search/?q=governance",
        "dashboard": "/dashboard/",
        "account_login": "/accounts/login/",
        "account_signup": "/accounts/signup/",
        "account_logout": "/accounts/logout/",
        "account_reset_password": "/accounts/password/reset/",
        "account_email": "/accounts/email/",
        "account_change_password": "/accounts/password/change/",
        "mfa_index": "/accounts/2fa/",
        "wagtailcore_login": "/_util/login/",
        "wagtailcore_authenticate_with_password": "/_util/authenticate_with_password/999999/999999/",
        # Wagtail pages
        "wagtail_serve[home]": "/",
        "wagtail_serve[course index]": "/courses/",
        "wagtail_serve[course]": course.url,
        "wagtail_serve[preview lesson]": preview.url,
        "wagtail_serve[non-preview lesson]": locked.url,
        "wagtail_serve[seminar index]": "/seminars/",
        "wagtail_serve[seminar]": seminar.url,
        "wagtail_serve[study group reports]": page_url("reports"),
        "wagtail_serve[study group report]": published_group.report_pages.first().url,
        "wagtail_serve[placement reports]": page_url("placement-reports"),
        "wagtail_serve[placement report]": final.page.url,
        "wagtail_serve[missing]": "/no-such-page/",
        # organizations
        "organizations:list": "/organizations/",
        "organizations:invitation": f"/organizations/invitations/{invitation.token}/",
        "organizations:detail": f"/organizations/{org.slug}/",
        "organizations:edit": f"/organizations/{org.slug}/edit/",
        "organizations:members": f"/organizations/{org.slug}/members/",
        "organizations:member_role": f"/organizations/{org.slug}/members/{learner_membership.pk}/role/",
        "organizations:member_remove": f"/organizations/{org.slug}/members/{learner_membership.pk}/remove/",
        "organizations:member_restore": f"/organizations/{org.slug}/members/removed/{removal.pk}/restore/",
        "organizations:invitation_revoke": f"/organizations/{org.slug}/invitations/{invitation.pk}/revoke/",
        "organizations:invitation_resend": f"/organizations/{org.slug}/invitations/{invitation.pk}/resend/",
        "organizations:invitations_bulk": f"/organizations/{org.slug}/members/invite/",
        "organizations:join": f"/organizations/{org.slug}/join/",
        "organizations:join_withdraw": f"/organizations/{org.slug}/join/{join_request.pk}/withdraw/",
        "organizations:join_approve": f"/organizations/{org.slug}/join-requests/{join_request.pk}/approve/",
        "organizations:join_decline": f"/organizations/{org.slug}/join-requests/{join_request.pk}/decline/",
        "organizations:apply": "/organizations/apply/",
        "organizations:applications": "/organizations/applications/",
        "organizations:application": f"/organizations/applications/{application.pk}/",
        "organizations:application_edit": f"/organizations/applications/{application.pk}/edit/",
        # courses
        "courses:learning": "/learning/",
        "courses:enroll": f"/learning/courses/{course.pk}/enroll/",
        "courses:withdraw": f"/learning/courses/{course.pk}/withdraw/",
        "courses:lesson_complete": f"/learning/lessons/{locked.pk}/complete/",
        "courses:quiz_submit": f"/learning/lessons/{lessons[-1].pk}/quiz/",
        "courses:enrollment_requests": "/learning/enrollment-requests/",
        "courses:certificate_verify": f"/certificates/{certificate.code}/",
        "courses:certificate_verify[unknown code]": "/certificates/NOPE-0000/",
        "courses:certificate_lookup": "/certificates/",
        "courses:certificate_lookup[unknown code]": "/certificates/?code=NOPE-0000",
        "courses:course_complete": f"/learning/courses/{course.pk}/complete/",
        "courses:certificate_pdf": f"/certificates/{certificate.code}/certificate.pdf",
        "courses:certificate_pdf[learner2's certificate]": f"/certificates/{other_certificate.code}/certificate.pdf",
        "courses:certificate_print": f"/certificates/{certificate.code}/print/",
        "courses:certificate_print[learner2's certificate]": f"/certificates/{other_certificate.code}/print/",
        "courses:certificate_revoke": f"/certificates/{certificate.code}/revoke/",
        "courses:certificate_reinstate": f"/certificates/{certificate.code}/reinstate/",
        "courses:session_register": f"/seminar-sessions/{session.pk}/register/",
        "courses:session_roster": f"/seminar-sessions/{session.pk}/roster/",
        "courses:session_roster_print": f"/seminar-sessions/{session.pk}/roster/print/",
        "courses:session_roster_csv": f"/seminar-sessions/{session.pk}/roster.csv",
        "courses:registration_cancel": f"/seminar-registrations/{registration.pk}/cancel/",
        "courses:registration_feedback": f"/seminar-registrations/{registration.pk}/feedback/",
        # advisors
        "advisors:directory": "/advisors/",
        "advisors:detail": f"/advisors/{profile.slug}/",
        "advisors:book": f"/advisors/{profile.slug}/book/",
        "advisors:consultations": "/consultations/",
        "advisors:availability": "/consultations/availability/",
        "advisors:availability_delete": f"/consultations/availability/rule/{rule.pk}/delete/",
        "advisors:availability_holiday": "/consultations/availability/holidays/",
        "advisors:programme": "/consultations/programme/",
        "advisors:programme_export": "/consultations/programme/export.csv",
        "advisors:outreach": "/consultations/outreach/",
        "advisors:outreach_detail": f"/consultations/outreach/{outreach.pk}/",
        "advisors:outreach_detail[unassigned]": f"/consultations/outreach/{unassigned.pk}/",
        "advisors:follow_up_toggle": f"/consultations/follow-ups/{follow_up.pk}/",
        "advisors:consultation": f"/consultations/{consultation.pk}/",
        "advisors:consultation[upcoming, pending]": f"/consultations/{pending.pk}/",
        "advisors:confirm": f"/consultations/{consultation.pk}/confirm/",
        "advisors:decline": f"/consultations/{consultation.pk}/decline/",
        "advisors:cancel": f"/consultations/{consultation.pk}/cancel/",
        "advisors:reschedule": f"/consultations/{pending.pk}/reschedule/",
        "advisors:record": f"/consultations/{consultation.pk}/record/",
        "advisors:no_show": f"/consultations/{consultation.pk}/no-show/",
        "advisors:feedback": f"/consultations/{consultation.pk}/feedback/",
        "advisors:attachment": f"/consultations/{consultation.pk}/attachment/",
        # study groups
        "studygroups:list": "/study-groups/",
        "studygroups:create": "/study-groups/new/",
        "studygroups:detail": g,
        "studygroups:edit": g + "edit/",
        "studygroups:apply": g + "apply/",
        "studygroups:invitation": g + "invitation/",
        "studygroups:members": g + "members/",
        "studygroups:member_action": g + f"members/{gm.pk}/approve/",
        "studygroups:preferences": g + "preferences/",
        "studygroups:meetings": g + "meetings/",
        "studygroups:meeting_create": g + "meetings/new/",
        "studygroups:meeting": g + f"meetings/{meeting.pk}/",
        "studygroups:meeting_edit": g + f"meetings/{meeting.pk}/edit/",
        "studygroups:meeting_minutes": g + f"meetings/{meeting.pk}/minutes/",
        "studygroups:meeting_attendance": g + f"meetings/{meeting.pk}/attendance/",
        "studygroups:meeting_rsvp": g + f"meetings/{meeting.pk}/rsvp/",
        "studygroups:meeting_cancel": g + f"meetings/{meeting.pk}/cancel/",
        "studygroups:meeting_ics": g + f"meetings/{meeting.pk}/meeting.ics",
        "studygroups:threads": g + "threads/",
        "studygroups:thread_create": g + "threads/new/",
        "studygroups:thread": g + f"threads/{thread.pk}/",
        "studygroups:thread[another group's thread]": g + f"threads/{foreign_thread.pk}/",
        "studygroups:thread_flags": g + f"threads/{thread.pk}/flags/",
        "studygroups:posts_bulk": g + "posts/bulk/",
        "studygroups:post_edit": g + f"posts/{post.pk}/edit/",
        "studygroups:post_history": g + f"posts/{post.pk}/history/",
        "studygroups:post_delete": g + f"posts/{post.pk}/delete/",
        "studygroups:post_restore": g + f"posts/{post.pk}/restore/",
        "studygroups:documents": g + "documents/",
        "studygroups:document": g + f"documents/{document.pk}/",
        "studygroups:document[another group's document]": g + f"documents/{foreign_document.pk}/",
        "studygroups:version_download": g + f"documents/{document.pk}/v{document.current_version.number}/download/",
        "studygroups:document_delete": g + f"documents/{document.pk}/delete/",
        "studygroups:document_restore": g + f"documents/{document.pk}/restore/",
        "studygroups:report": g + "report/",
        "studygroups:chapter_create": g + "report/chapters/new/",
        "studygroups:chapter": g + f"report/chapters/{chapter.pk}/",
        "studygroups:chapter_submit": g + f"report/chapters/{chapter.pk}/submit/",
        "studygroups:chapter_review": g + f"report/chapters/{chapter.pk}/review/",
        "studygroups:report_publish": g + "report/publish/",
        # placements
        "placements:list": "/placements/",
        "placements:export": "/placements/export.csv",
        "placements:request": "/placements/request/",
        "placements:detail": f"/placements/{placement.pk}/",
        "placements:detail[requested, unmatched]": f"/placements/{requested.pk}/",
        "placements:match": f"/placements/{placement.pk}/match/",
        "placements:transition": f"/placements/{placement.pk}/complete/",
        "placements:withdraw": f"/placements/{requested.pk}/withdraw/",
        "placements:milestone_create": f"/placements/{placement.pk}/milestones/new/",
        "placements:milestone_edit": f"/placements/{placement.pk}/milestones/{milestone.pk}/",
        "placements:report_create": f"/placements/{placement.pk}/reports/new/progress/",
        "placements:report": f"/placements/reports/{report.pk}/",
        "placements:report_edit": f"/placements/reports/{report.pk}/edit/",
        "placements:report_submit": f"/placements/reports/{report.pk}/submit/",
        "placements:report_approve": f"/placements/reports/{report.pk}/approve/",
        "placements:report_changes": f"/placements/reports/{report.pk}/changes/",
        "placements:report_comment": f"/placements/reports/{report.pk}/comments/",
        "placements:report_attachment_add": f"/placements/reports/{report.pk}/attachments/",
        "placements:attachment": f"/placements/attachments/{attachment.pk}/",
        "placements:researchers": "/placements/researchers/",
        "placements:researcher_apply": "/placements/researchers/apply/",
        "placements:researcher_status": f"/placements/researchers/{researcher_profile.pk}/status/",
        "placements:researcher_cv": f"/placements/researchers/{researcher_profile.pk}/cv/",
        # progress
        "progress:organization": p,
        "progress:organization_export": p + "export/members.csv",
        "progress:member": p + f"members/{learner.pk}/",
        "progress:member[another organization's member]": p + f"members/{users['learner2'].pk}/",
        "progress:assessments": p + "assessment/",
        "progress:assessment_start": p + "assessment/start/",
        "progress:response": p + f"assessment/{response.pk}/",
        "progress:response[another organization's response]": p + f"assessment/{other_response.pk}/",
        "progress:response_submit": p + f"assessment/{response.pk}/submit/",
        "progress:target_create": p + "targets/new/",
        "progress:target_edit": p + f"targets/{target.pk}/",
        "progress:target_edit[another organization's target]": p + f"targets/{other_target.pk}/",
        "progress:target_status": p + f"targets/{target.pk}/status/",
        "progress:programme": "/programme/",
        "progress:programme_organizations": "/programme/organizations/",
        "outbox": "/programme/emails/",
        "outbox_retry": f"/programme/emails/{failed_email.pk}/retry/",
        "progress:programme_export": "/programme/export/trend.csv",
    }


# Requests -----------------------------------------------------------------------------------------


def observe(response) -> str:
    """Reduce a response to the table's notation: 200, login, 302>/target, 403, 404, 405..."""
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        if target.startswith(LOGIN_PATH):
            return "login"
        return f"302>{target}"
    return str(code)


def matches(expected: str, observed: str) -> bool:
    if expected.startswith("302>"):
        return observed.startswith(expected)
    if expected == "302":
        return observed.startswith("302>")
    return expected == observed


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    # Several demo users prefer Japanese; with the cookie the answer is the view's own, not /ja/.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def test_table_covers_every_url_of_the_site():
    """A new URL must be added to the table; a row for a URL that no longer exists must go."""
    in_site = site_url_names()
    in_table = {label.split("[", 1)[0] for label in TABLE}
    missing = sorted(in_site - in_table)
    stale = sorted(in_table - in_site)
    assert not missing, "URL names without a row in tests/authz_table.py: " + ", ".join(missing)
    assert not stale, "rows in tests/authz_table.py for URL names that no longer exist: " + ", ".join(stale)


@pytest.mark.django_db
def test_authorization_matrix():
    from home.management.commands.load_demo_data import run_loaders

    ctx = run_loaders()
    paths = build_paths(ctx)
    recording = os.environ.get("AUTHZ_RECORD") == "1"
    assert set(paths) == set(TABLE), (
        f"paths without rows: {sorted(set(paths) - set(TABLE))}; rows without paths: {sorted(set(TABLE) - set(paths))}"
    )
    clients = {ANON: _client()}
    for role in ROLES:
        clients[role] = _client(ctx.users[role])

    mismatches = []
    recorded = {}
    for label, path in paths.items():
        recorded[label] = {}
        for role in (ANON, *ROLES):
            response = clients[role].get(path, follow=False)
            observed = observe(response)
            recorded[label][role] = observed
            if label in content_checks and observed == "200":
                text, readers = content_checks[label]
                shown = text in response.content.decode()
                if shown != (role in readers):
                    verb = "does not show" if role in readers else "shows"
                    mismatches.append(f"  {label:<45} {role:<12} {verb} {text!r}   GET {path}")
            expected = expected_for(label, role) if label in TABLE else "?"
            if not matches(expected, observed):
                mismatches.append(f"  {label:<45} {role:<12} expected {expected:<24} got {observed}   GET {path}")
    if recording:
        for label, answers in recorded.items():
            print(f"{label!r}: {answers!r},")
        print("\n".join(mismatches))
        return
    checked = len(paths) * (len(ROLES) + 1)
    assert not mismatches, f"{len(mismatches)} of {checked} answers differ from tests/authz_table.py:\n" + "\n".join(
        mismatches
    )
