"""Demo study groups: one recruiting, one active (facilitator@example.org), one with a published report.

The groups are run by Japanese-speaking facilitators, who write their titles and summaries in
Japanese; the workspaces' meetings and posts are in the language of each member who wrote them.

Idempotent: groups, meetings, threads, documents and chapters are looked up by natural
keys; the report page is built through the same publication service a facilitator uses.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from lms.demo import DemoContext, update_or_build

from .. import services
from ..factories import MeetingAttendanceFactory, MeetingResponseFactory
from ..models import (
    GroupMembership,
    Meeting,
    ReportChapter,
    StudyGroup,
    StudyGroupReportIndexPage,
)
from .builders import _at, _chapter, _document, _fy, _group, _meeting, _member, _pdf, _reports_index, _thread

ACTIVE = "financial-transparency"
RECRUITING = "field-safety"
PUBLISHED = "small-ngo-evaluation"


def active_group(ctx: DemoContext) -> StudyGroup:
    """The active group, facilitated by facilitator@example.org: meetings, threads, documents, chapters."""
    users = ctx.users
    staff = ctx.staff_by_org
    fy = _fy(ctx)
    now = ctx.now
    orgs = {o.slug: o for o in ctx.organizations}

    active = _group(
        ctx,
        ACTIVE,
        title="小規模NGOの財務の透明性",
        theme="寄付者や会員に信頼されるために、小規模NGOは収入と支出をどう報告すればよいか",
        public_summary=(
            "参加団体が会計の公開方法を比べ、寄付者が何を求めているかを調査し、職員10名未満のNGO向けに"
            "実践的な提言をまとめます。"
        ),
        description="共有のルール：下書きはメールではなく「文書」に置いてください。会合は毎月第2木曜日です。",
        fiscal_year=fy,
        lead_organization=orgs["tohoku-education-network"],
        status=StudyGroup.Status.ACTIVE,
        areas=["financial-management", "governance"],
    )
    facilitator = _member(active, users["facilitator"], role=GroupMembership.Role.FACILITATOR)
    learner = _member(active, users["learner"], notify=GroupMembership.Notify.DIGEST)
    learner2 = _member(active, users["learner2"])
    kansai = _member(active, staff["kansai-relief-forum"][0])
    hokkaido = _member(active, staff["hokkaido-agri-bridge"][0], notify=GroupMembership.Notify.NONE)
    _member(
        active,
        staff["shikoku-livelihood-centre"][0],
        status=GroupMembership.Status.APPLIED,
        statement="We keep our accounts in a spreadsheet and want to learn how others publish them.",
    )

    kickoff = _meeting(
        active,
        "Kick-off meeting",
        _at(ctx, -40),
        by=users["facilitator"],
        agenda="1. Introductions\n2. Agree the survey plan\n3. Schedule for the year",
        minutes="Five NGOs attended. We agreed to survey **30 donors** and to share sample annual reports by May.\n\n"
        "- Action: Minato Water Partners drafts the survey.\n- Action: everyone uploads one annual report.",
    )
    survey = _meeting(
        active,
        "Survey results workshop",
        _at(ctx, -10, 1),
        mode=Meeting.Mode.HYBRID,
        location="JICA Global Plaza, Ichigaya, Room 3",
        by=users["facilitator"],
        agenda="Review the donor survey results and outline the report.",
        minutes="23 donors answered. Most want a one-page summary of spending by project.\n\nChapters assigned.",
    )
    drafting = _meeting(
        active,
        "Drafting session",
        _at(ctx, 6),
        by=users["facilitator"],
        agenda="- Read chapter drafts together\n- Agree the recommendations",
    )
    _meeting(
        active,
        "Review with the programme officer",
        _at(ctx, 27, 1),
        tz="Asia/Tokyo",
        mode=Meeting.Mode.IN_PERSON,
        location="Ministry annex, Kasumigaseki, Meeting room B",
        by=users["facilitator"],
    )
    for membership, answer in ((facilitator, "going"), (learner2, "going"), (kansai, "maybe"), (hokkaido, "not_going")):
        update_or_build(MeetingResponseFactory, meeting=drafting, membership=membership, defaults={"answer": answer})
    for meeting, present in (
        (kickoff, [facilitator, learner, learner2, kansai, hokkaido]),
        (survey, [facilitator, learner, kansai]),
    ):
        for membership in [facilitator, learner, learner2, kansai, hokkaido]:
            update_or_build(
                MeetingAttendanceFactory,
                meeting=meeting,
                membership=membership,
                defaults={"present": membership in present, "recorded_by": users["facilitator"]},
            )

    handle = users["learner"].get_short_name()
    _thread(
        active,
        "Welcome and introductions",
        [
            (
                facilitator,
                "Welcome, everyone!\n\nPlease introduce your organization and what you hope to learn.",
                900,
            ),
            (
                learner,
                "Minato Water Partners: we publish accounts once a year but donors ask for more detail.",
                880,
            ),
            (
                learner2,
                "Kyushu Health Link here. We would like to learn from the **certified NPOs** in the group.",
                860,
            ),
        ],
        pinned=True,
        now=now,
    )
    _thread(
        active,
        "Donor survey: draft questions",
        [
            (learner, "Draft questions are in *Documents*. Comments welcome by Friday.", 300),
            (kansai, f"Looks good. {handle}, could we add a question about online reporting?", 200),
            (facilitator, "Agreed, and let us keep it under ten questions.", 150),
        ],
        now=now,
    )
    _thread(
        active,
        "Examples of good annual reports",
        [
            (
                hokkaido,
                "This one is short and clear: [example annual report](https://www.example.org/annual-report).",
                30,
            ),
        ],
        now=now,
    )

    questionnaire = _document(
        active,
        "Donor survey questionnaire",
        "donor-survey.txt",
        b"1. How often do you want financial reports?\n2. Which format do you prefer?\n",
        users["learner"],
        description="Draft questions; version 2 has the facilitator's edits.",
    )
    if questionnaire.versions.count() == 1:
        services.document_add_version(
            document=questionnaire,
            by=users["facilitator"],
            upload=SimpleUploadedFile(
                "donor-survey-v2.txt",
                b"1. How often do you want financial reports?\n2. Which format do you prefer?\n"
                b"3. Do you read reports online?\n",
            ),
            note="Added a question about online reporting.",
        )
    _document(
        active,
        "Survey responses (anonymised)",
        "survey-responses.csv",
        b"respondent,frequency,format\n1,quarterly,one page\n2,yearly,full accounts\n",
        users["facilitator"],
    )
    _document(active, "Work plan", "work-plan.pdf", _pdf("Study group work plan"), users["facilitator"])

    _chapter(
        active,
        1,
        "Why transparency matters",
        "Donors and members decide whom to trust by what NGOs publish.",
        ReportChapter.Status.APPROVED,
        users["facilitator"],
        users["facilitator"],
    )
    _chapter(
        active,
        2,
        "What donors told us",
        "23 donors answered our survey ...",
        ReportChapter.Status.IN_REVIEW,
        users["learner"],
    )
    _chapter(active, 3, "Practical steps for small NGOs", "", ReportChapter.Status.DRAFT, users["learner2"])
    return active


def recruiting_group(ctx: DemoContext) -> StudyGroup:
    """A group open for applications, with one waiting."""
    users = ctx.users
    staff = ctx.staff_by_org
    fy = _fy(ctx)
    orgs = {o.slug: o for o in ctx.organizations}

    recruiting = _group(
        ctx,
        RECRUITING,
        title="現地スタッフの安全管理",
        theme="海外に職員を派遣するNGOのための、共通の安全管理計画と事故・事件の報告",
        public_summary=(
            "治安の不安定な地域に職員を派遣しているNGOのための研究会です。各団体の安全管理計画を比べ、"
            "共通の事件報告様式をつくり、最低限の基準を提言します。参加申込は5月末まで受け付けています。"
        ),
        fiscal_year=fy,
        lead_organization=orgs["kansai-relief-forum"],
        status=StudyGroup.Status.RECRUITING,
        areas=["safety-security", "human-resources"],
    )
    _member(recruiting, staff["kansai-relief-forum"][1], role=GroupMembership.Role.FACILITATOR)
    _member(recruiting, users["facilitator"], role=GroupMembership.Role.FACILITATOR)
    _member(recruiting, staff["tohoku-education-network"][1], status=GroupMembership.Status.APPLIED)
    return recruiting


def published_group(ctx: DemoContext) -> tuple[StudyGroup, StudyGroupReportIndexPage]:
    """Last year's group, its report published through the same service a facilitator uses; and the reports index."""
    users = ctx.users
    staff = ctx.staff_by_org
    fy = _fy(ctx)
    now = ctx.now
    orgs = {o.slug: o for o in ctx.organizations}

    published = _group(
        ctx,
        PUBLISHED,
        title="小規模NGOのモニタリング・評価",
        theme="職員3名のNGOでも続けられる、身の丈に合ったモニタリング・評価",
        public_summary="6団体がシンプルな指標を試し、提言をまとめたガイドを公表しました。",
        fiscal_year=fy - 1,
        lead_organization=orgs["hokkaido-agri-bridge"],
        status=StudyGroup.Status.DRAFTING,
        areas=["monitoring-evaluation", "project-cycle-management"],
    )
    lead = _member(published, users["facilitator"], role=GroupMembership.Role.FACILITATOR)
    _member(published, users["manager"])
    _member(published, users["manager2"])
    _member(published, staff["hokkaido-agri-bridge"][0])
    _meeting(
        published,
        "Final report review",
        _at(ctx, -200),
        by=users["facilitator"],
        minutes="All chapters approved. The symposium date is set for March.",
    )
    _thread(
        published,
        "Indicator shortlist",
        [
            (lead, "Here is the shortlist of ten indicators we tested.", 5000),
        ],
        now=now,
    )
    _chapter(
        published,
        1,
        "What we tested",
        "Six NGOs used ten indicators for six months.",
        ReportChapter.Status.APPROVED,
        users["facilitator"],
        users["facilitator"],
    )
    _chapter(
        published,
        2,
        "What worked",
        "Three indicators were kept by every NGO:\n\n- reach\n- cost per participant\n- follow-up rate",
        ReportChapter.Status.APPROVED,
        users["facilitator"],
        users["facilitator"],
    )
    final = _document(
        published, "Final report (PDF)", "final-report.pdf", _pdf("M&E for small NGOs"), users["facilitator"]
    )

    index = _reports_index(ctx)
    page = published.report_pages.first()
    if page is None or not page.live:
        page, outcome = services.report_publish(
            group=published,
            by=users["facilitator"],
            title="Monitoring and evaluation for small NGOs: a practical guide",
            intro="What six small NGOs learned about monitoring that lasts.",
            recommendations="<ol><li>Track no more than five indicators.</li><li>Budget one day a month for "
            "monitoring.</li><li>Share results with participants.</li></ol>",
            version=final.current_version,
        )
        moderator = users["staff"]
        state = page.current_workflow_state
        if outcome == "submitted" and state is not None and state.current_task_state is not None:
            task_state = state.current_task_state
            task_state.task.specific.on_action(task_state, user=moderator, action_name="approve")
            page.refresh_from_db()
        if not page.live:
            page.get_latest_revision().publish(user=moderator)
            page.refresh_from_db()
    published.refresh_from_db()
    if published.status != StudyGroup.Status.PUBLISHED:
        published.status = StudyGroup.Status.PUBLISHED
        published.save(update_fields=["status"])
    return published, index


def load(ctx: DemoContext) -> None:
    active = active_group(ctx)
    recruiting = recruiting_group(ctx)
    published, index = published_group(ctx)

    ctx.created_urls += [("/study-groups/", None), ("/study-groups/", "learner")]
    for group in (active, recruiting, published):
        ctx.created_urls.append((group.get_absolute_url(), None))
    base = active.get_absolute_url()
    thread = active.threads.order_by("pk").first()
    document = active.documents.order_by("pk").first()
    chapter = active.chapters.order_by("pk").first()
    meeting = active.meetings.order_by("starts_at").first()
    for path in [
        "",
        "members/",
        "preferences/",
        "meetings/",
        "meetings/new/",
        f"meetings/{meeting.pk}/",
        "threads/",
        f"threads/{thread.pk}/",
        "threads/new/",
        "documents/",
        f"documents/{document.pk}/",
        "report/",
        f"report/chapters/{chapter.pk}/",
        "report/publish/",
    ]:
        ctx.created_urls.append((base + path, "facilitator"))
    ctx.created_urls += [(base, "learner"), (base + f"threads/{thread.pk}/", "learner2")]
    ctx.created_urls += [(index.url, None), (published.report_pages.first().url, None)]
    ctx.created_urls.append((recruiting.get_absolute_url() + "apply/", "learner2"))
    ctx.say(f"Study groups: {StudyGroup.objects.count()} groups; reports at {index.url}")
