"""Who may GET what: the expected answer of every URL of the site for anonymous and each demo role.

Notation, one row per URL name (``name[variant]`` when one name is checked with several objects):

    R(default, anon="login", **per_role)

``default`` is the answer for every signed-in role, ``anon`` for an anonymous visitor, keyword
arguments override single roles. Answers: "200", "login" (302 to /accounts/login/), "302>/path"
(another redirect, Location starting with /path), "403", "404", "405" (the endpoint takes POST only).

The rules the rows follow (DESIGN.md, "Access is by relationship ... answers 404"):
- anonymous gets "login", except public pages (200) and study-group workspaces (404 beyond the
  public summary);
- another organization's manager or learner gets 404 for organization-scoped objects;
- a learner never gets 200 on staff pages or on another person's objects;
- staff pages only for programme staff (and the superuser admin, who counts as programme staff);
- advisor tools only for advisors; a study group's workspace only for its members; placements only
  for the researcher, the host organization's managers and programme staff.

Demo relationships the rows rely on: learner and manager belong to organization A
(minato-water-partners, which hosts the researcher's placement); learner2 and manager2 to
organization B; facilitator manages a third NGO and facilitates the "financial-transparency" study
group, where learner and learner2 are members (manager and manager2 are not); the learner booked the
advisor (a completed consultation of organization A) and holds a certificate.

Rows marked ``# BUG: expected X`` encode an observed answer that breaks the rules, for the lead to
decide; there are none at the time of writing.
"""

ANON = "anonymous"
ROLES = (
    "learner",
    "manager",
    "learner2",
    "manager2",
    "advisor",
    "researcher",
    "facilitator",
    "editor",
    "staff",
    "admin",
)


class R:
    def __init__(self, default: str, anon: str = "login", **per_role: str):
        unknown = set(per_role) - set(ROLES)
        assert not unknown, f"unknown roles {unknown}"
        self.default, self.anon, self.per_role = default, anon, per_role

    def expected(self, role: str) -> str:
        if role == ANON:
            return self.anon
        return self.per_role.get(role, self.default)


STAFF = {"staff": "200", "admin": "200"}  # programme staff and the superuser

PUBLIC = R("200", anon="200")
SIGNED_IN = R("200")  # any signed-in person (their own records)
POST_ONLY = R("405")  # @login_required before @require_POST: anonymous is sent to log in
POST_ONLY_ALL = R("405", anon="405")  # @require_POST checked first (study groups): anonymous gets 405 too
STAFF_ONLY = R("404", **STAFF)
ORG_A_MANAGER = R("404", manager="200", **STAFF)  # org A's manager; staff read every organization
# Study group workspace: members only, anonymous 404 (nothing beyond the public summary).
MEMBERS = R("404", anon="404", learner="200", learner2="200", facilitator="200")
# Facilitator tools inside the workspace: other members are told no (403), outsiders see nothing (404).
FACILITATOR = R("404", anon="404", learner="403", learner2="403", facilitator="200")
# The researcher's placement hosted by org A: researcher, host manager, staff.
PLACEMENT = R("404", manager="200", researcher="200", **STAFF)

# What "login"/signup do for a signed-in person: send them home.
HOME = "302>/"
DASHBOARD = "302>/dashboard/"  # where signing in lands

TABLE: dict[str, R] = {
    # Project level ------------------------------------------------------------------------------
    "health": PUBLIC,
    "set_language": R("405", anon="405"),
    "calendar_feed": PUBLIC,  # the token in the URL is the credential
    "calendar_feed[unknown token]": R("404", anon="404"),
    "profile": SIGNED_IN,
    "policies:consent": SIGNED_IN,  # the demo people have consented: the page says nothing more is needed
    "policy": R("302>/terms/", anon="302>/terms/"),  # the current terms of use, in the reader's language
    "calendar_token_reset": POST_ONLY,
    "calendar": SIGNED_IN,
    "calendar_event_ics": R("404", anon="404", learner="200", advisor="200"),  # the consultation's two parties
    "privacy:data": SIGNED_IN,
    "privacy:export_request": POST_ONLY,
    "privacy:export_download[unknown export]": R("404"),
    # Staff accounts can't ask for their own erasure: they are sent back to the data page.
    "privacy:erasure_confirm": R("200", staff="302>/accounts/data/", admin="302>/accounts/data/"),
    "privacy:erasure_cancel": POST_ONLY,
    "privacy:email_preferences": SIGNED_IN,
    "privacy:request_log": STAFF_ONLY,
    "email_unsubscribe[bad token]": R("404", anon="404"),
    "search": PUBLIC,
    "dashboard": SIGNED_IN,
    "account_login": R(DASHBOARD, anon="200"),
    "account_signup": R(DASHBOARD, anon="200"),
    "account_logout": R("200", anon=HOME),
    "account_reset_password": PUBLIC,
    "account_email": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    "mfa_index": SIGNED_IN,
    "wagtailcore_login": PUBLIC,
    "wagtailcore_authenticate_with_password": R("404", anon="404"),  # no password-restricted page in the demo
    # Wagtail pages -----------------------------------------------------------------------------
    "wagtail_serve[home]": PUBLIC,
    "wagtail_serve[course index]": PUBLIC,
    "wagtail_serve[course]": PUBLIC,
    "wagtail_serve[preview lesson]": PUBLIC,
    # 200 for all, the lesson body only for the enrolled (checked by content_checks in the test).
    "wagtail_serve[non-preview lesson]": PUBLIC,
    "wagtail_serve[seminar index]": PUBLIC,
    "wagtail_serve[seminar]": PUBLIC,
    "wagtail_serve[study group reports]": PUBLIC,
    "wagtail_serve[study group report]": PUBLIC,
    "wagtail_serve[placement reports]": PUBLIC,
    "wagtail_serve[placement report]": PUBLIC,
    "wagtail_serve[missing]": R("404", anon="404"),
    # Organizations -----------------------------------------------------------------------------
    "organizations:list": PUBLIC,
    "organizations:detail": PUBLIC,  # the public profile; the member list only for members (content_checks)
    "organizations:invitation": R("404"),  # only the invited address may answer; nobody here holds it
    "organizations:edit": ORG_A_MANAGER,
    "organizations:members": ORG_A_MANAGER,
    "organizations:member_role": POST_ONLY,
    "organizations:member_remove": POST_ONLY,
    "organizations:member_restore": POST_ONLY,
    "organizations:invitation_revoke": POST_ONLY,
    "organizations:invitation_resend": POST_ONLY,
    "organizations:invitations_bulk": ORG_A_MANAGER,
    "organizations:join": POST_ONLY,
    "organizations:join_withdraw": POST_ONLY,
    "organizations:join_approve": POST_ONLY,
    "organizations:join_decline": POST_ONLY,
    "organizations:apply": SIGNED_IN,
    "organizations:applications": STAFF_ONLY,
    "organizations:application": STAFF_ONLY,  # and the applicant (the demo's applicant@example.org)
    "organizations:application_edit": R("404"),  # the applicant's, while changes are requested
    # Courses and seminars ----------------------------------------------------------------------
    "courses:learning": SIGNED_IN,
    "courses:enroll": POST_ONLY,
    # GET is the confirmation page; the manager of organization A is enrolled in the same course.
    "courses:withdraw": R("404", learner="200", manager="200"),
    "courses:lesson_complete": POST_ONLY,
    "courses:quiz_submit": POST_ONLY,
    "courses:enrollment_requests": STAFF_ONLY,
    "courses:certificate_verify": PUBLIC,  # public verification by code
    "courses:certificate_verify[unknown code]": R("404", anon="404"),
    "courses:certificate_lookup": PUBLIC,  # the verify-by-code form
    "courses:certificate_lookup[unknown code]": PUBLIC,  # the form again, with its message
    "courses:course_complete": R("404", learner="200", manager="200"),  # those who finished the course
    "courses:certificate_pdf": R("404", learner="200", **STAFF),
    "courses:certificate_pdf[learner2's certificate]": R("404", learner2="200", **STAFF),
    "courses:certificate_print": R("404", learner="200", **STAFF),
    "courses:certificate_print[learner2's certificate]": R("404", learner2="200", **STAFF),
    "courses:certificate_revoke": POST_ONLY,
    "courses:certificate_reinstate": POST_ONLY,
    "courses:session_register": POST_ONLY,
    "courses:session_roster": STAFF_ONLY,
    "courses:session_roster_print": STAFF_ONLY,
    "courses:session_roster_csv": STAFF_ONLY,
    # GET is the confirmation page: the person, their organization's manager, programme staff.
    "courses:registration_cancel": R("404", learner="200", manager="200", **STAFF),
    "courses:registration_feedback": R("404", learner="200"),
    # Advisors ----------------------------------------------------------------------------------
    "advisors:directory": PUBLIC,
    "advisors:detail": PUBLIC,
    # Consultation needs an organization: people without one (and the advisor) go back to the profile.
    "advisors:book": R(
        "200",
        advisor="302>/advisors/",
        researcher="302>/advisors/",
        editor="302>/advisors/",
        staff="302>/advisors/",
        admin="302>/advisors/",
    ),
    "advisors:consultations": SIGNED_IN,  # each sees their own
    "advisors:availability": R("404", advisor="200"),
    "advisors:availability_delete": POST_ONLY,
    "advisors:availability_holiday": POST_ONLY,
    "advisors:programme": STAFF_ONLY,
    "advisors:programme_export": STAFF_ONLY,
    "advisors:outreach": SIGNED_IN,  # anyone may request outreach and sees their own requests
    "advisors:outreach_detail": R("404", advisor="200", **STAFF),  # assigned to the demo advisor
    "advisors:outreach_detail[unassigned]": STAFF_ONLY,
    "advisors:follow_up_toggle": POST_ONLY,
    # The learner's completed consultation with the advisor (organization A): learner, advisor,
    # staff, and org A's manager (completed consultations' shared outcome; private notes hidden,
    # checked by content_checks).
    "advisors:consultation": R("404", learner="200", manager="200", advisor="200", **STAFF),
    "advisors:consultation[upcoming, pending]": R("404", learner="200", advisor="200", **STAFF),
    "advisors:confirm": POST_ONLY,
    "advisors:decline": POST_ONLY,
    "advisors:cancel": POST_ONLY,
    "advisors:reschedule": R("404", learner="200", advisor="200", **STAFF),  # the pending upcoming consultation
    "advisors:record": R("404", advisor="200", **STAFF),
    "advisors:no_show": POST_ONLY,
    "advisors:feedback": POST_ONLY,
    "advisors:attachment": R("404", learner="200", advisor="200", **STAFF),
    # Study groups ------------------------------------------------------------------------------
    "studygroups:list": PUBLIC,
    "studygroups:detail": PUBLIC,  # the public summary; the workspace parts only for members
    "studygroups:create": R("403", **STAFF),
    "studygroups:edit": R("404", learner="403", learner2="403", facilitator="200", **STAFF),
    "studygroups:apply": SIGNED_IN,
    "studygroups:invitation": POST_ONLY,
    "studygroups:members": MEMBERS,
    "studygroups:member_action": POST_ONLY_ALL,
    "studygroups:preferences": MEMBERS,
    "studygroups:meetings": MEMBERS,
    "studygroups:meeting_create": FACILITATOR,
    "studygroups:meeting": MEMBERS,
    "studygroups:meeting_edit": FACILITATOR,
    "studygroups:meeting_minutes": POST_ONLY_ALL,
    "studygroups:meeting_attendance": POST_ONLY_ALL,
    "studygroups:meeting_rsvp": POST_ONLY_ALL,
    "studygroups:meeting_cancel": POST_ONLY_ALL,
    "studygroups:meeting_ics": MEMBERS,
    "studygroups:threads": MEMBERS,
    "studygroups:thread_create": MEMBERS,
    "studygroups:thread": MEMBERS,
    "studygroups:thread[another group's thread]": R("404", anon="404"),
    "studygroups:thread_flags": POST_ONLY_ALL,
    "studygroups:posts_bulk": POST_ONLY_ALL,
    # The learner's own post: only its author edits it; fellow members are told no.
    "studygroups:post_edit": R("404", anon="404", learner="200", learner2="403", facilitator="403"),
    "studygroups:post_history": MEMBERS,
    "studygroups:post_delete": POST_ONLY_ALL,
    "studygroups:post_restore": POST_ONLY_ALL,
    "studygroups:documents": MEMBERS,
    "studygroups:document": MEMBERS,
    "studygroups:document[another group's document]": R("404", anon="404"),
    "studygroups:version_download": MEMBERS,
    "studygroups:document_delete": POST_ONLY_ALL,
    "studygroups:document_restore": POST_ONLY_ALL,
    "studygroups:report": MEMBERS,
    "studygroups:chapter_create": MEMBERS,
    "studygroups:chapter": MEMBERS,
    "studygroups:chapter_submit": POST_ONLY_ALL,
    "studygroups:chapter_review": POST_ONLY_ALL,
    "studygroups:report_publish": FACILITATOR,
    # Placements --------------------------------------------------------------------------------
    "placements:list": SIGNED_IN,  # filtered to what the viewer may see
    "placements:export": STAFF_ONLY,
    # Only organization managers request placements (facilitator manages a third NGO).
    "placements:request": R("404", manager="200", manager2="200", facilitator="200"),
    "placements:detail": PLACEMENT,
    "placements:detail[requested, unmatched]": ORG_A_MANAGER,
    "placements:match": STAFF_ONLY,
    "placements:transition": POST_ONLY,
    # Confirmation before withdrawing a request: the host's managers and staff, who may withdraw it.
    "placements:withdraw": ORG_A_MANAGER,
    "placements:milestone_create": PLACEMENT,
    "placements:milestone_edit": PLACEMENT,
    "placements:report_create": R("404", researcher="200"),
    "placements:report": PLACEMENT,  # a submitted progress report
    "placements:report_edit": R("404", researcher="200"),
    "placements:report_submit": POST_ONLY,
    "placements:report_approve": POST_ONLY,
    "placements:report_changes": POST_ONLY,
    "placements:report_comment": POST_ONLY,
    "placements:report_attachment_add": POST_ONLY,
    "placements:attachment": PLACEMENT,
    "placements:researchers": STAFF_ONLY,
    "placements:researcher_apply": SIGNED_IN,
    "placements:researcher_status": POST_ONLY,
    "placements:researcher_cv": PLACEMENT,  # the host's manager sees the CV of the researcher placed with them
    # Progress ----------------------------------------------------------------------------------
    "progress:organization": ORG_A_MANAGER,
    "progress:organization_export": ORG_A_MANAGER,
    "progress:member": ORG_A_MANAGER,
    "progress:member[another organization's member]": R("404"),
    "progress:assessments": ORG_A_MANAGER,
    "progress:assessment_start": POST_ONLY,
    "progress:response": ORG_A_MANAGER,
    "progress:response[another organization's response]": R("404"),
    "progress:response_submit": POST_ONLY,
    "progress:target_create": R("404", manager="200", staff="403", admin="403"),  # staff read, managers set
    "progress:target_edit": R("404", manager="200", staff="403", admin="403"),
    # Staff are refused editing (403) before the target is looked up; they may read every organization,
    # so the 403 reveals nothing, though a 404 would match the other rows.
    "progress:target_edit[another organization's target]": R("404", staff="403", admin="403"),
    "progress:target_status": POST_ONLY,
    "progress:programme": STAFF_ONLY,
    "progress:programme_organizations": STAFF_ONLY,
    "outbox": STAFF_ONLY,
    "outbox_retry": POST_ONLY,
    "progress:programme_export": STAFF_ONLY,
}


def expected_for(label: str, role: str) -> str:
    return TABLE[label].expected(role)
