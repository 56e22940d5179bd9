"""The demo site (fixture ``demo_site``), loaded once per test module, for tests that visit every form or page.

``site`` loads the demo data inside a transaction that is rolled back when the module ends;
each test still runs in its own savepoint (pytest-django's ``db``), so tests stay independent.
The ``Site`` helpers build what the endpoint registry (``post_endpoints.py``) needs.
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from tests.test_authorization_matrix import build_paths


class Site(SimpleNamespace):
    """The demo data and what the builders in post_endpoints need from it."""

    def row(self, model: str, key) -> tuple:
        """A saved record's values, to compare before and after an attack."""
        from django.apps import apps

        model_class = apps.get_model(model)
        lookup = {"slug": key} if isinstance(key, str) else {"pk": key}
        values = model_class.objects.filter(**lookup).values().get()
        return tuple(sorted((k, v) for k, v in values.items() if k not in ("updated_at", "last_login")))

    def pk_at(self, name: str, index: int, slug: bool = False):
        """The id (or slug) at ``index`` in the demo path of ``name``."""
        part = self.paths[name].rstrip("/").split("/")[index]
        return part if slug else int(part)

    def upload(self, name: str, content: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type="application/octet-stream")

    def invitation_path_for(self, role: str) -> str:
        from organizations.models import Invitation

        invitation = Invitation.objects.create(
            organization=self.orgs[1],
            email=self.users[role].email,
            invited_by=self.users["manager2"],
            expires_at=timezone.now() + timedelta(days=7),
        )
        return f"/organizations/invitations/{invitation.token}/"

    def join_path(self, action: str) -> str:
        """The newcomer's pending request to join organization A, at ``action`` (approve, decline, withdraw)."""
        from organizations.models import JoinRequest

        request = JoinRequest.objects.get(user=self.users["newcomer"], organization=self.org, status="pending")
        if action == "withdraw":
            return f"/organizations/{self.org.slug}/join/{request.pk}/withdraw/"
        return f"/organizations/{self.org.slug}/join-requests/{request.pk}/{action}/"

    def application_data(self, name_en: str, name_ja: str) -> dict:
        from organizations.models import FieldOfActivity

        return {
            "name_en": name_en,
            "name_ja": name_ja,
            "legal_form": "npo",
            "head_office": "23",
            "countries_of_operation": "Laos, Viet Nam",
            "fields_of_activity": [FieldOfActivity.objects.canonical().get(slug="environment").pk],
            "website": "https://river.example.org",
            "applicant_role": "Director",
            "description": "We restore rivers with farmers.",
        }

    def application_path(self, status: str, edit: bool = False) -> str:
        """The demo NGO application, put in ``status`` for this test (its savepoint undoes it)."""
        from organizations.models import OrganizationApplication

        application = OrganizationApplication.objects.get(applicant=self.users["applicant"])
        OrganizationApplication.objects.filter(pk=application.pk).update(
            status="changes_requested" if status == "changes" else status
        )
        return f"/organizations/applications/{application.pk}/" + ("edit/" if edit else "")

    def quiz_answers(self) -> dict:
        from courses.models import LessonPage

        lesson = LessonPage.objects.get(pk=int(self.paths["courses:quiz_submit"].split("/")[-3]))
        return {f"q-{q['id']}": str(q["choices"][0]["index"]) for q in lesson.quiz_questions()}

    def pending_enrollment_pk(self):
        from courses.factories import EnrollmentFactory
        from courses.models import CoursePage, Enrollment

        course = CoursePage.objects.live().exclude(enrollments__user=self.users["learner2"]).first()
        return EnrollmentFactory(user=self.users["learner2"], course=course, status=Enrollment.Status.PENDING).pk

    def open_session_path(self) -> str:
        from courses.models import SeminarRegistration, SeminarSession

        taken = SeminarRegistration.objects.filter(user=self.users["learner"]).values("session")
        session = (
            SeminarSession.objects.filter(seminar__live=True, seminar__alias_of=None, starts_at__gt=timezone.now())
            .exclude(pk__in=taken)
            .order_by("starts_at")
            .first()
        )
        return f"/seminar-sessions/{session.pk}/register/"

    def registration_pks(self) -> list:
        from courses.models import SeminarRegistration

        session_id = int(self.paths["courses:session_roster"].split("/")[2])
        return list(SeminarRegistration.objects.filter(session_id=session_id).values_list("pk", flat=True))

    def consultation_data(self) -> dict:
        from advisors import availability

        ctx = availability.load_context(self.advisor_profile)
        after = timezone.now() + timedelta(days=3)
        slot = next(s for s in availability.open_slots(ctx) if s.start >= after)
        return {
            "start": slot.key,
            "organization": self.org.pk,
            "topic": self.advisor_profile.expertise.first().pk,
            "mode": self.advisor_profile.modes[0][0],
            "question": "How do we set up project accounts?",
            "follow_up_of": "",
        }

    def upcoming_meeting_path(self) -> str:
        """The demo study group's next meeting (members answer whether they are coming)."""
        from studygroups.models import Meeting

        meeting = Meeting.objects.filter(group__slug="financial-transparency", starts_at__gt=timezone.now()).first()
        return meeting.get_absolute_url()

    def next_holiday(self) -> str:
        """The demo advisor's next closed national holiday (Japan's), for opening it."""
        from advisors.selectors import holidays_ahead

        return next(h for h in holidays_ahead(self.advisor_profile, timezone.localdate()) if not h["is_open"])[
            "date"
        ].isoformat()

    def advisor_settings_data(self) -> dict:
        from django.forms.models import model_to_dict

        from advisors.forms import AdvisorSettingsForm

        fields = AdvisorSettingsForm._meta.fields
        data = model_to_dict(self.advisor_profile, fields=fields)
        out = {}
        for name, value in data.items():
            if isinstance(value, bool):
                if value:
                    out[f"settings-{name}"] = "on"
            else:
                out[f"settings-{name}"] = "" if value is None else value
        return {"kind": "settings", **out}

    def confirmed_outreach_path(self) -> str:
        from advisors.models import OutreachRequest

        item = OutreachRequest.objects.filter(advisor=self.advisor_profile).order_by("pk").first()
        OutreachRequest.objects.filter(pk=item.pk).update(
            status=OutreachRequest.Status.CONFIRMED, event_date=timezone.localdate() - timedelta(days=1)
        )
        return f"/consultations/outreach/{item.pk}/"

    def reschedule_choice(self) -> str:
        from advisors.models import Consultation
        from advisors.selectors import reschedule_choices

        consultation = Consultation.objects.get(pk=int(self.paths["advisors:reschedule"].split("/")[2]))
        return reschedule_choices(consultation, zone=timezone.get_current_timezone())[3][0]

    def recruiting_group_path(self) -> str:
        from studygroups.models import StudyGroup

        group = StudyGroup.objects.filter(status=StudyGroup.Status.RECRUITING).order_by("pk").first()
        return f"/study-groups/{group.slug}/apply/"

    def group_data(self, slug: str = "") -> dict:
        from studygroups.models import StudyGroup

        group = StudyGroup.objects.get(slug="financial-transparency")
        return {
            "title": group.title if not slug else "Attack group",
            "slug": slug,
            "theme": "Transparency",
            "public_summary": "Summary",
            "description": "<p>Description</p>",
            "fiscal_year": str(group.fiscal_year),
            "lead_organization": group.lead_organization_id,
            "status": group.status,
            "capacity_areas": [a.pk for a in group.capacity_areas.all()],
            "symposium_date": "",
        }

    def group_membership_pk(self, role: str) -> int:
        """The study group membership (not the user) of ``role`` in the demo group the paths use."""
        from studygroups.models import GroupMembership

        slug = self.paths["studygroups:detail"].rstrip("/").rsplit("/", 1)[-1]
        return GroupMembership.objects.get(group__slug=slug, user=self.users[role]).pk

    def meeting_data(self) -> dict:
        start = timezone.localdate() + timedelta(days=10)
        return {
            "title": "Kick-off",
            "starts_at": f"{start}T10:00",
            "ends_at": f"{start}T11:00",
            "time_zone": "Asia/Tokyo",
            "mode": "hybrid",
            "location": "Room 1",
            "online_url": "https://meet.example.org/x",
            "agenda": "<p>Plan</p>",
        }

    def placement_request_data(self) -> dict:
        from placements.periods import fiscal_year_of

        year = fiscal_year_of(timezone.localdate()) + 1
        return {
            "organization": self.org.pk,
            "capacity_area": self.area.pk,
            "goals": "Better fundraising",
            "host_provides": "A desk",
            "start_date": date(year, 6, 1).isoformat(),
            "end_date": date(year, 12, 31).isoformat(),
        }

    def final_report_data(self) -> dict:
        from placements.models.reports import FINAL_SECTIONS

        return {"title": "Final", "summary": "Summary"} | {name: "<p>Text</p>" for name, _label in FINAL_SECTIONS}

    def draft_report_path(self) -> str:
        from placements.factories import ReportFactory
        from placements.models import Placement, Report

        placement = Placement.objects.get(pk=int(self.paths["placements:detail"].split("/")[2]))
        report = ReportFactory(
            placement=placement, kind=Report.Kind.PROGRESS, status=Report.Status.DRAFT, author=placement.researcher
        )
        return f"/placements/reports/{report.pk}/"

    def draft_response_path(self) -> str:
        from progress import selectors, services

        response = services.assessment_response_start(
            organization=self.org, assessment=selectors.open_assessment(), user=self.users["manager"]
        )
        self._response = response
        return self.paths["progress:organization"] + f"assessment/{response.pk}/"

    def assessment_data(self) -> dict:
        data = {"summary": "Better"}
        for answer in self._response.answers.all():
            data[f"score_{answer.indicator_id}"] = "2"
            data[f"comment_{answer.indicator_id}"] = "Evidence"
        return data

    def target_data(self) -> dict:
        start = timezone.localdate()
        return {
            "title": "Three staff complete a course",
            "metric": "course_completions",
            "target_value": "3",
            "capacity_area": self.area.pk,
            "start_date": start.isoformat(),
            "due_date": (start + timedelta(days=200)).isoformat(),
        }


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, loaded once for this module and rolled back after it."""
    from advisors.models import AdvisorProfile
    from home.management.commands.load_demo_data import run_loaders
    from studygroups.models import Post

    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), transaction.atomic():
        old_media, settings.MEDIA_ROOT = settings.MEDIA_ROOT, media
        try:
            ctx = run_loaders()
            paths = build_paths(ctx)
            users = ctx.users
            yield Site(
                ctx=ctx,
                paths=paths,
                users=users,
                org=ctx.organizations[0],
                orgs=ctx.organizations,
                area=next(iter(ctx.capacity_areas.values())),
                advisor_profile=AdvisorProfile.objects.get(user=users["advisor"]),
                post=Post.objects.get(pk=int(paths["studygroups:post_edit"].split("/")[-3])),
            )
        finally:
            settings.MEDIA_ROOT = old_media
            transaction.set_rollback(True)
