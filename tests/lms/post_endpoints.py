"""Every URL of the site that accepts POST, with who may post and a valid baseline to attack.

``POST_ENDPOINTS`` holds one entry per URL name that takes a POST: the role that may post, the
path (from the authorization matrix's demo paths), a builder of valid form data, and which of
its fields are free text, numbers, dates or object ids (the fields the attacks replace).
``NOT_POST`` lists every other URL name of the site with the reason it takes no POST input.
``tests/lms/test_input_attacks.py`` fails when a URL name is in neither, so a new form cannot
ship without being attacked.

Builders receive the demo ``Site`` (``tests/lms/test_input_attacks.py``): demo users, paths and
the objects behind them.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class Endpoint:
    name: str
    role: str
    data: Any = None  # site -> dict of valid form data (None: the endpoint takes no fields)
    path: Any = None  # site -> path; default: the authorization matrix's path for ``name``
    text: tuple = ()
    numbers: tuple = ()
    dates: tuple = ()
    ids: tuple = ()
    files: Any = None  # site -> dict of uploads sent with the baseline
    ok: tuple = (302,)  # what the baseline answers
    keep: Any = None  # site -> the saved record an edit form changes (a refused attack leaves it as it was)
    prefix_ja: bool = False

    @property
    def kinds(self) -> list[str]:
        kinds = []
        if self.text:
            kinds += ["long", "nul", "bad_utf8", "control"]
        if self.numbers:
            kinds.append("numbers")
        if self.dates:
            kinds.append("dates")
        if self.ids:
            kinds.append("ids")
        return kinds or ["junk"]  # no input of its own: stray fields must not matter

    def path_for(self, site) -> str:
        return self.path(site) if self.path else site.paths[self.name]

    def baseline(self, site) -> dict:
        return dict(self.data(site)) if self.data else {}


@dataclass
class Registry:
    entries: dict = field(default_factory=dict)

    def add(self, label: str, role: str, **kwargs) -> None:
        """``label`` is the URL name, or ``name[variant]`` for a second form behind one URL."""
        assert label not in self.entries, label
        self.entries[label] = Endpoint(name=label.split("[", 1)[0], role=role, **kwargs)


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


R = Registry()
add = R.add

# Project and accounts --------------------------------------------------------------------------
add(
    "set_language",
    "learner",
    data=lambda s: {"language": "en", "next": "/courses/"},
    text=("next",),
    ids=("language",),
)
add("calendar_token_reset", "learner")
add(
    "profile",
    "learner",
    keep=lambda s: s.row("organizations.User", s.users["learner"].pk),
    data=lambda s: {
        "first_name": "Aiko",
        "last_name": "Tanaka",
        "display_name": "Aiko",
        "name_order": "given_first",
        "certificate_name": "Aiko Tanaka",
        "preferred_language": "en",
        "time_zone": "Asia/Tokyo",
    },
    text=("first_name", "last_name", "display_name", "certificate_name"),
    ids=("name_order", "preferred_language", "time_zone"),
)
add("policies:consent", "learner", data=lambda s: {"agree": "on", "next": "/learning/"}, text=("next",))
add(
    "account_login",
    "anonymous",
    data=lambda s: {"login": s.users["learner"].email, "password": "demo-pass-2024"},
    text=("login", "password"),
)
add(
    "account_signup",
    "anonymous",
    data=lambda s: {
        "email": "new@example.org",
        "password1": "a-Long-pass-2024!",
        "password2": "a-Long-pass-2024!",
        "first_name": "Aiko",
        "last_name": "Tanaka",
        "preferred_language": "en",
        "time_zone": "Asia/Tokyo",
        "accept_terms": "on",
        "accept_privacy": "on",
    },
    text=("email", "password1", "password2", "first_name", "last_name"),
    ids=("preferred_language", "time_zone"),
)
add("account_logout", "learner", data=lambda s: {"next": "/"}, text=("next",))
add("account_reset_password", "anonymous", data=lambda s: {"email": "learner@example.org"}, text=("email",))
add(
    "account_change_password",
    "learner",
    data=lambda s: {"oldpassword": "demo-pass-2024", "password1": "a-New-pass-2024!", "password2": "a-New-pass-2024!"},
    text=("oldpassword", "password1", "password2"),
)
add(
    "account_email",
    "learner",
    data=lambda s: {"action_add": "", "email": "second-address@example.org"},
    text=("email",),
)

# Organizations ---------------------------------------------------------------------------------
add(
    "organizations:edit",
    "manager",
    keep=lambda s: s.row("organizations.Organization", s.org.pk),
    data=lambda s: {
        "name": s.org.name,
        "legal_form": "npo",
        "region": s.org.region_id or "",
        "fields_of_activity": [f.pk for f in s.org.fields_of_activity.all()],
        "countries_of_operation": "Cambodia, Kenya",
        "website": "https://example.org",
        "founded_year": "1999",
        "description": "<p>We work on water.</p>",
        "internal_notes": "Notes",
    },
    text=("name", "countries_of_operation", "website", "description", "internal_notes"),
    numbers=("founded_year",),
    ids=("legal_form", "region", "fields_of_activity"),
)
add(
    "organizations:members",
    "manager",
    data=lambda s: {"email": "invitee-attack@example.org", "role": "member"},
    text=("email",),
    ids=("role",),
)
add("organizations:member_role", "manager", data=lambda s: {"role": "member"}, ids=("role",))
add("organizations:member_remove", "manager")
add("organizations:member_restore", "manager")
add("organizations:invitation_revoke", "manager")
add("organizations:invitation_resend", "manager")
add(
    "organizations:invitations_bulk",
    "manager",
    data=lambda s: {"addresses": "bulk-one@example.org\nbulk-two@example.org", "role": "member", "language": "en"},
    text=("addresses",),
    ids=("role", "language"),
    ok=(200,),
)
add(
    "organizations:invitations_bulk[csv]",
    "manager",
    data=lambda s: {"role": "member", "language": "ja"},
    files=lambda s: {"csv_file": s.upload("team.csv", b"name,email,role\nAiko Sato,aiko@example.org,member\n")},
    ids=("role", "language"),
    ok=(200,),
)
add(
    "organizations:join",
    "learner2",
    data=lambda s: {"message": "I coordinate the Cambodia programme."},
    text=("message",),
)
add("organizations:join_withdraw", "newcomer", path=lambda s: s.join_path("withdraw"))
add("organizations:join_approve", "manager", path=lambda s: s.join_path("approve"))
add(
    "organizations:join_decline",
    "manager",
    path=lambda s: s.join_path("decline"),
    data=lambda s: {"reason": "We only take staff on payroll."},
    text=("reason",),
)
APPLICATION = {
    "text": ("name_en", "name_ja", "countries_of_operation", "website", "applicant_role", "description"),
    "ids": ("legal_form", "head_office", "fields_of_activity"),
}
add(
    "organizations:apply",
    "learner",
    data=lambda s: s.application_data("Nagoya River Friends", "なごや川の友"),
    **APPLICATION,
)
add(
    "organizations:application_edit",
    "applicant",
    path=lambda s: s.application_path("changes", edit=True),
    data=lambda s: s.application_data("Sapporo Forest Friends", "さっぽろ森の友の会"),
    **APPLICATION,
)
add(
    "organizations:application",
    "staff",
    path=lambda s: s.application_path("submitted"),
    data=lambda s: {"action": "changes", "message": "Please add your NPO registration number."},
    text=("message",),
    ids=("action",),
)
add(
    "organizations:invitation",
    "learner",
    path=lambda s: s.invitation_path_for("learner"),
    data=lambda s: {"action": "accept"},
    text=("action",),
)

# Courses and seminars --------------------------------------------------------------------------
add("courses:enroll", "learner2")
add("courses:withdraw", "learner")
add("courses:lesson_complete", "learner")
add("courses:quiz_submit", "learner", data=lambda s: s.quiz_answers(), text=("*",))
add(
    "courses:enrollment_requests",
    "staff",
    data=lambda s: {"enrollment": s.pending_enrollment_pk()},
    ids=("enrollment",),
)
add("courses:course_complete", "learner", data=lambda s: {"name": "Aiko Tanaka"}, text=("name",))
add("courses:certificate_revoke", "staff", data=lambda s: {"reason": "Issued in error"}, text=("reason",))
add("courses:certificate_reinstate", "staff")
add(
    "courses:session_register",
    "learner",
    path=lambda s: s.open_session_path(),
    data=lambda s: {"organization": s.org.pk},
    ids=("organization", "membership"),
)
add(
    "courses:session_roster",
    "staff",
    data=lambda s: {"send-message": "1", "audience": "all", "subject": "Room change", "body": "Room 3 now."},
    text=("subject", "body"),
    ids=("audience", "attended"),
)
add(
    "courses:session_roster[attendance]",
    "staff",
    data=lambda s: {"mark-attendance": "1", "attended": s.registration_pks()},
    ids=("attended",),
)
add("courses:registration_cancel", "learner", data=lambda s: {"next": "/learning/"}, text=("next",))
add(
    "courses:registration_feedback",
    "learner",
    data=lambda s: {"rating": "5", "comments": "Useful."},
    text=("comments",),
    numbers=("rating",),
)

# Advisors --------------------------------------------------------------------------------------
add(
    "advisors:book",
    "learner",
    data=lambda s: s.consultation_data(),
    text=("question", "follow_up_of", "start"),
    ids=("organization", "topic", "mode"),
    files=lambda s: {"attachment": s.upload("question.pdf", b"%PDF-1.4 question\n")},
)
add(
    "advisors:availability",
    "advisor",
    data=lambda s: {
        "kind": "override",
        "override-day": _day(20),
        "override-start_time": "10:00",
        "override-end_time": "12:00",
        "override-note": "Short day",
    },
    text=("override-note",),
    dates=("override-day", "override-start_time", "override-end_time"),
    ids=("kind",),
)
add(
    "advisors:availability[blocked]",
    "advisor",
    data=lambda s: {
        "kind": "blocked",
        "blocked-first_day": _day(30),
        "blocked-last_day": _day(32),
        "blocked-reason": "Conference",
    },
    text=("blocked-reason",),
    dates=("blocked-first_day", "blocked-last_day"),
)
add(
    "advisors:availability[rule]",
    "advisor",
    data=lambda s: {"kind": "rule", "rule-weekday": "5", "rule-start_time": "09:00", "rule-end_time": "11:00"},
    numbers=("rule-weekday",),
    dates=("rule-start_time", "rule-end_time"),
)
add(
    "advisors:availability[settings]",
    "advisor",
    keep=lambda s: s.row("advisors.AdvisorProfile", s.advisor_profile.pk),
    data=lambda s: s.advisor_settings_data(),
    text=(
        "settings-headline",
        "settings-bio",
        "settings-office",
        "settings-languages",
        "settings-meeting_link",
        "settings-phone_arrangement",
        "settings-room",
    ),
    numbers=(
        "settings-slot_minutes",
        "settings-buffer_minutes",
        "settings-min_notice_hours",
        "settings-consultation_window_days",
        "settings-max_per_day",
        "settings-cancellation_deadline_hours",
    ),
    ids=("settings-time_zone",),
)
add("advisors:availability_delete", "advisor")
add(
    "advisors:availability_holiday",
    "advisor",
    data=lambda s: {"day": s.next_holiday(), "action": "open"},
    dates=("day",),
    ids=("action",),
)
add(
    "advisors:outreach",
    "learner",
    data=lambda s: {
        "requester_kind": "school",
        "requester_name": "Minato High School",
        "format": "lecture",
        "event_date": _day(40),
        "place": "Hall",
        "audience": "Students",
        "theme": "NGOs",
        "topic": s.area.pk,
    },
    text=("requester_name", "place", "audience", "theme"),
    dates=("event_date",),
    ids=("requester_kind", "format", "topic"),
)
add(
    "advisors:outreach_detail",
    "advisor",
    path=lambda s: s.confirmed_outreach_path(),
    data=lambda s: {"action": "report", "report-attendance": "40", "report-topics_raised": "Funding"},
    text=("report-topics_raised", "action"),
    numbers=("report-attendance",),
)
add(
    "advisors:outreach_detail[assign]",
    "staff",
    path=lambda s: s.paths["advisors:outreach_detail[unassigned]"],
    data=lambda s: {"action": "assign", "assign-advisor": s.advisor_profile.pk},
    ids=("assign-advisor",),
)
add("advisors:follow_up_toggle", "advisor", data=lambda s: {"done": "1"}, ids=("done",))
add(
    "advisors:confirm",
    "advisor",
    path=lambda s: s.paths["advisors:consultation[upcoming, pending]"] + "confirm/",
    data=lambda s: {"arrangements": "Zoom link follows"},
    text=("arrangements",),
)
add(
    "advisors:decline",
    "advisor",
    path=lambda s: s.paths["advisors:consultation[upcoming, pending]"] + "decline/",
    data=lambda s: {"decline-reason": "Away that week"},
    text=("decline-reason",),
)
add(
    "advisors:cancel",
    "learner",
    path=lambda s: s.paths["advisors:consultation[upcoming, pending]"] + "cancel/",
    data=lambda s: {"cancel-reason": "Clash"},
    text=("cancel-reason",),
)
add(
    "advisors:reschedule",
    "learner",
    data=lambda s: {"start": s.reschedule_choice()},
    text=("start",),
)
add(
    "advisors:record",
    "advisor",
    data=lambda s: {
        "outcome": "resolved",
        "summary": "We went through the budget.",
        "private_notes": "Follow up",
        "follow_up_1": "Send template",
        "follow_up_1_due": _day(7),
    },
    text=("summary", "private_notes", "follow_up_1", "follow_up_2"),
    dates=("follow_up_1_due", "follow_up_2_due"),
    ids=("outcome",),
)
add("advisors:no_show", "advisor", path=lambda s: s.paths["advisors:consultation[upcoming, pending]"] + "no-show/")
add(
    "advisors:feedback",
    "learner",
    data=lambda s: {"rating": "5", "comment": "Helpful"},
    text=("comment",),
    numbers=("rating",),
)

# Study groups ----------------------------------------------------------------------------------
GROUP_TEXT = ("title", "slug", "theme", "public_summary", "description")
add(
    "studygroups:create",
    "staff",
    data=lambda s: s.group_data(slug="attack-group"),
    text=GROUP_TEXT,
    numbers=("fiscal_year",),
    dates=("symposium_date",),
    ids=("lead_organization", "status", "capacity_areas", "facilitators"),
)
add(
    "studygroups:edit",
    "facilitator",
    keep=lambda s: s.row("studygroups.StudyGroup", s.pk_at("studygroups:edit", -2, slug=True)),
    data=lambda s: s.group_data(),
    text=("title", "theme", "public_summary", "description"),
    numbers=("fiscal_year",),
    dates=("symposium_date",),
    ids=("lead_organization", "status", "capacity_areas"),
)
add(
    "studygroups:apply",
    "manager",
    path=lambda s: s.recruiting_group_path(),
    data=lambda s: {"statement": "We bring twenty years of audit experience.", "organization": s.org.pk},
    text=("statement",),
    ids=("organization",),
)
add("studygroups:invitation", "manager", data=lambda s: {"answer": "accept"}, text=("answer",), ok=(302, 404))
add(
    "studygroups:members",
    "facilitator",
    data=lambda s: {"email": "manager2@example.org"},
    text=("email",),
)
add(
    "studygroups:member_action",
    "facilitator",
    path=lambda s: s.paths["studygroups:member_action"].replace("/approve/", "/role/"),
    data=lambda s: {"role": "member"},
    text=("role",),
)
add("studygroups:preferences", "learner", data=lambda s: {"notify": "digest"}, ids=("notify",))
MEETING = {
    "text": ("title", "location", "online_url", "agenda"),
    "dates": ("starts_at", "ends_at"),
    "ids": ("time_zone", "mode"),
}
add("studygroups:meeting_create", "facilitator", data=lambda s: s.meeting_data(), **MEETING)
add("studygroups:meeting_edit", "facilitator", data=lambda s: s.meeting_data(), **MEETING)
add(
    "studygroups:meeting_minutes",
    "facilitator",
    data=lambda s: {"minutes": "We **agreed**."},
    text=("minutes",),
)
add(
    "studygroups:meeting_attendance",
    "facilitator",
    data=lambda s: {"present": [s.group_membership_pk("learner")]},  # membership ids, not user ids
    ids=("present",),
)
add(
    "studygroups:meeting_rsvp",
    "learner",
    path=lambda s: s.upcoming_meeting_path() + "rsvp/",
    data=lambda s: {"answer": "going"},
    ids=("answer",),
)
add("studygroups:meeting_cancel", "facilitator")
add(
    "studygroups:thread_create",
    "learner",
    data=lambda s: {"title": "Budget templates", "body": "Who has one?"},
    text=("title", "body"),
    ids=("mentions",),
)
add("studygroups:thread", "learner", data=lambda s: {"body": "I do."}, text=("body",), ids=("mentions",))
add(
    "studygroups:thread_flags",
    "facilitator",
    data=lambda s: {"flag": "pinned", "value": "1"},
    text=("flag", "value"),
)
add(
    "studygroups:posts_bulk",
    "facilitator",
    data=lambda s: {"posts": [s.post.pk], "action": "delete"},
    text=("action",),
    ids=("posts",),
)
add(
    "studygroups:post_edit",
    "learner",
    keep=lambda s: s.row("studygroups.Post", s.post.pk),
    data=lambda s: {"body": "*Edited.*"},
    text=("body",),
)
add("studygroups:post_delete", "learner")
add("studygroups:post_restore", "facilitator")
add(
    "studygroups:documents",
    "learner",
    data=lambda s: {"title": "Budget template", "description": "For everyone"},
    text=("title", "description"),
    files=lambda s: {"file": s.upload("budget.pdf", b"%PDF-1.4 budget\n")},
)
add(
    "studygroups:document",
    "learner",
    data=lambda s: {"note": "Fixed totals"},
    text=("note",),
    files=lambda s: {"file": s.upload("budget-v2.pdf", b"%PDF-1.4 budget v2\n")},
)
add("studygroups:document_delete", "facilitator")
add("studygroups:document_restore", "facilitator")
add(
    "studygroups:chapter_create",
    "learner",
    data=lambda s: {"title": "Findings", "body": "<p>Text</p>"},
    text=("title", "body"),
)
add(
    "studygroups:chapter",
    "facilitator",
    keep=lambda s: s.row("studygroups.ReportChapter", s.pk_at("studygroups:chapter", -1)),
    data=lambda s: {"title": "Findings", "body": "<p>Text</p>"},
    text=("title", "body"),
)
add("studygroups:chapter_submit", "facilitator", ok=(302,))
add(
    "studygroups:chapter_review",
    "facilitator",
    data=lambda s: {"note": "Looks good", "decision": "approve"},
    text=("note", "decision"),
)
add(
    "studygroups:report_publish",
    "facilitator",
    data=lambda s: {"title": "Our report", "intro": "Summary", "recommendations": "<p>Do this</p>", "version": ""},
    text=("title", "intro", "recommendations"),
    ids=("version",),
    ok=(200, 302),
)

# Placements ------------------------------------------------------------------------------------
add(
    "placements:request",
    "manager",
    data=lambda s: s.placement_request_data(),
    text=("goals", "host_provides"),
    dates=("start_date", "end_date"),
    ids=("organization", "capacity_area"),
)
add(
    "placements:match",
    "staff",
    path=lambda s: s.paths["placements:detail[requested, unmatched]"] + "match/",
    data=lambda s: {"researcher": s.users["researcher"].pk},
    ids=("researcher",),
)
add(
    "placements:transition",
    "staff",
    path=lambda s: s.paths["placements:detail[requested, unmatched]"] + "decline/",
    data=lambda s: {"decline-reason": "No researcher is free"},
    text=("decline-reason",),
)
add(
    "placements:withdraw",
    "manager",
    path=lambda s: s.paths["placements:detail[requested, unmatched]"] + "withdraw/",
    data=lambda s: {"withdraw-reason": "Budget cut"},
    text=("withdraw-reason",),
)
MILESTONE = {"text": ("title", "description"), "dates": ("due_date",), "ids": ("status",)}
add(
    "placements:milestone_create",
    "researcher",
    data=lambda s: {"title": "Interviews", "description": "Ten", "due_date": _day(20), "status": "planned"},
    **MILESTONE,
)
add(
    "placements:milestone_edit",
    "researcher",
    keep=lambda s: s.row("placements.Milestone", s.pk_at("placements:milestone_edit", -1)),
    data=lambda s: {"title": "Interviews", "description": "Ten", "due_date": _day(20), "status": "in_progress"},
    **MILESTONE,
)
add(
    "placements:report_create",
    "researcher",
    data=lambda s: {"title": "Month 2", "summary": "Progress", "body": "<p>Done</p>"},
    text=("title", "summary", "body"),
)
add(
    "placements:report_create[final]",
    "researcher",
    path=lambda s: s.paths["placements:report_create"].replace("/progress/", "/final/"),
    data=lambda s: s.final_report_data(),
    text=(
        "title",
        "summary",
        "host_overview",
        "researcher_profile",
        "period",
        "purpose_background",
        "findings",
        "recommendations",
    ),
)
add(
    "placements:report_edit",
    "researcher",
    path=lambda s: s.draft_report_path() + "edit/",
    data=lambda s: {"title": "Month 3", "summary": "Progress", "body": "<p>Done</p>"},
    text=("title", "summary", "body"),
)
add("placements:report_submit", "researcher", path=lambda s: s.draft_report_path() + "submit/")
add("placements:report_approve", "staff")
add("placements:report_changes", "staff", data=lambda s: {"comment": "Add numbers"}, text=("comment",))
add(
    "placements:report_comment",
    "staff",
    data=lambda s: {"body": "Thanks", "internal": "on"},
    text=("body",),
    ids=("internal",),
)
add(
    "placements:report_attachment_add",
    "researcher",
    path=lambda s: s.draft_report_path() + "attachments/",
    data=lambda s: {"title": "Annex"},
    text=("title",),
    files=lambda s: {"file": s.upload("annex.pdf", b"%PDF-1.4 annex\n")},
)
add(
    "placements:researcher_apply",
    "learner",
    data=lambda s: {
        "specialities": [s.area.pk],
        "languages": "Japanese, English",
        "biography": "Ten years in fundraising.",
        "available_from": _day(60),
        "available_until": _day(300),
    },
    text=("languages", "biography"),
    dates=("available_from", "available_until"),
    ids=("specialities",),
    files=lambda s: {"cv": s.upload("cv.pdf", b"%PDF-1.4 cv\n")},
)
add("placements:researcher_status", "staff", data=lambda s: {"status": "accepted"}, text=("status",))

# Progress --------------------------------------------------------------------------------------
add("progress:assessment_start", "manager", ok=(302,))
add(
    "progress:response",
    "manager",
    path=lambda s: s.draft_response_path(),
    data=lambda s: s.assessment_data(),
    text=("summary", "comment_*"),
    numbers=("score_*",),
)
add("progress:response_submit", "manager", path=lambda s: s.draft_response_path() + "submit/")
TARGET = {
    "text": ("title",),
    "numbers": ("target_value",),
    "dates": ("start_date", "due_date"),
    "ids": ("metric", "capacity_area"),
}
add("progress:target_create", "manager", data=lambda s: s.target_data(), **TARGET)
add(
    "progress:target_edit",
    "manager",
    keep=lambda s: s.row("progress.Target", s.pk_at("progress:target_edit", -1)),
    data=lambda s: s.target_data(),
    **TARGET,
)
add("progress:target_status", "manager", data=lambda s: {"status": "archived"}, text=("status",))

# Personal data ---------------------------------------------------------------------------------


def _pending_erasure_path(site) -> str:
    from privacy.services import erasure_request

    return f"/accounts/data/delete/{erasure_request(user=site.users['learner']).pk}/cancel/"


def _unsubscribe_path(site) -> str:
    from privacy.tokens import unsubscribe_token

    return f"/email/unsubscribe/{unsubscribe_token(site.users['learner'], 'digests')}/"


add("privacy:export_request", "learner")
add("privacy:erasure_confirm", "learner", data=lambda s: {"confirm": "on"}, ids=("confirm",))
add("privacy:erasure_cancel", "learner", path=_pending_erasure_path)
add(
    "privacy:email_preferences",
    "learner",
    data=lambda s: {"reminders": "on", "digests": "on"},
    ids=("reminders", "digests", "mentions", "news"),
)
add(
    "privacy:request_log",
    "staff",
    data=lambda s: {"email": s.users["learner2"].email, "reason": "Asked by letter", "confirm": "on"},
    text=("email", "reason"),
)
add("email_unsubscribe", "anonymous", path=_unsubscribe_path, ok=(200,))
# Outgoing emails (programme staff) ---------------------------------------------------------------
add("outbox_retry", "staff")

POST_ENDPOINTS: dict[str, Endpoint] = R.entries

# Every other URL name, and why it takes no POST input of its own.
READ_ONLY = "read-only page or download: a POST is refused or answered like a GET"
NOT_POST: dict[str, str] = dict.fromkeys(
    [
        "health",
        "dashboard",
        "calendar_feed",
        "calendar",
        "calendar_event_ics",
        "privacy:data",
        "privacy:export_download",
        "policy",
        "search",
        "mfa_index",
        "organizations:list",
        "organizations:detail",
        "organizations:applications",
        "courses:learning",
        "courses:certificate_verify",
        "courses:certificate_print",
        "courses:certificate_lookup",
        "courses:certificate_pdf",
        "courses:session_roster_print",
        "courses:session_roster_csv",
        "advisors:directory",
        "advisors:detail",
        "advisors:consultations",
        "advisors:programme",
        "advisors:programme_export",
        "advisors:consultation",
        "advisors:attachment",
        "studygroups:list",
        "studygroups:detail",
        "studygroups:meetings",
        "studygroups:meeting",
        "studygroups:meeting_ics",
        "studygroups:threads",
        "studygroups:post_history",
        "studygroups:version_download",
        "studygroups:report",
        "placements:list",
        "placements:export",
        "placements:detail",
        "placements:report",
        "placements:attachment",
        "placements:researchers",
        "placements:researcher_cv",
        "progress:organization",
        "progress:organization_export",
        "progress:member",
        "progress:assessments",
        "progress:programme",
        "progress:programme_organizations",
        "progress:programme_export",
        "outbox",
    ],
    READ_ONLY,
) | {
    # Wagtail's own views: pages are served for GET (the project has no form pages), the login
    # view redirects to allauth's, and the page-password form is Wagtail's (a bounded CharField).
    "wagtail_serve": "Wagtail pages: the project defines no form pages, a POST renders the page",
    "wagtailcore_login": "redirects to allauth's login, which is attacked as account_login",
    "wagtailcore_authenticate_with_password": "Wagtail's page-password form; no password-protected pages",
}
