"""Demo placements: one completed with a published report, one active with a work plan, one awaiting matching."""

from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from lms.demo import DemoContext, get_or_build, update_or_build
from lms.fiscal import fiscal_year_dates, fiscal_year_of
from lms.markdown import html_to_markdown
from organizations.factories import UserFactory
from organizations.models import ProgrammeRole, User

from .factories import (
    MilestoneFactory,
    PlacementFactory,
    PlacementTransitionFactory,
    ReportCommentFactory,
    ReportFactory,
    ResearcherProfileFactory,
)
from .models import Milestone, Placement, PlacementReportIndexPage, Report, ResearcherProfile
from .periods import window_for
from .services import report_publish

S = Placement.State

FINAL_REPORT = {
    "host_overview": "<p>Minato Water Partners runs village water committees in Kampong Cham (Cambodia) and "
    "Savannakhet (Laos) with a staff of twelve in Tokyo and twenty in the field.</p>",
    "researcher_profile": "<p>Emma Clarke has fifteen years of fundraising experience with international NGOs "
    "and has supported Japanese NGOs since 2015.</p>",
    "period": "<p>Six months, June to November, with two field visits.</p>",
    "purpose_background": "<p>Almost all income came from two government grants. The board asked for a plan to "
    "diversify funding before the larger grant ends.</p>",
    "findings": "<ul><li>Individual donors were never asked to give again after a first gift.</li>"
    "<li>Corporate partners valued field reports but received none.</li>"
    "<li>Grant applications were written from scratch each time.</li></ul>",
    "recommendations": "<ol><li>Start a monthly giving programme with a thank-you routine.</li>"
    "<li>Send partners a short field report twice a year.</li>"
    "<li>Keep a library of reusable application sections.</li></ol>",
}
MILESTONES = [
    ("Baseline interviews with staff and board", -60, Milestone.Status.DONE),
    ("M&E framework draft shared with the host", -20, Milestone.Status.DONE),
    ("Field test of indicators in Kampong Cham", 5, Milestone.Status.IN_PROGRESS),
    ("Training for field staff on data collection", 40, Milestone.Status.PLANNED),
    ("Final report draft", 90, Milestone.Status.PLANNED),
]


def _profile(user, specialities, languages, biography, available_from, available_until):
    profile, _created = update_or_build(
        ResearcherProfileFactory,
        user=user,
        defaults={
            "languages": languages,
            "biography": biography,
            "available_from": available_from,
            "available_until": available_until,
            "status": ResearcherProfile.Status.ACCEPTED,
        },
    )
    profile.specialities.set(specialities)
    user.groups.add(Group.objects.get_or_create(name=ProgrammeRole.RESEARCHERS)[0])
    return profile


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a few lines of text, so the demo CV opens in any viewer."""
    text = " ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj 0 -18 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 760 Td {text} ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _second_researcher() -> User:
    return UserFactory(
        email="kenta.mori@researchers.example.org",
        first_name="Kenta",
        last_name="Mori",
        preferred_language="ja",
        verified=False,
    )


def _log(placement, states, actors, start):
    if placement.transitions.exists():
        return
    previous = ""
    for offset, (state, actor) in enumerate(zip(states, actors, strict=True)):
        PlacementTransitionFactory(
            placement=placement,
            from_state=previous,
            to_state=state,
            actor=actor,
            note="",
            created_at=start + timedelta(days=7 * offset),
        )
        previous = state


def _index_page(ctx) -> PlacementReportIndexPage:
    index = PlacementReportIndexPage.objects.first()
    if index is None:
        index = PlacementReportIndexPage(
            title="Researcher reports",
            slug="placement-reports",
            intro="What NGO Researchers found and recommended at the end of their placements.",
        )
        ctx.home_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def load(ctx: DemoContext) -> None:
    researcher, manager, staff = ctx.users["researcher"], ctx.users["manager"], ctx.users["staff"]
    host = ctx.organizations[0]
    areas = ctx.capacity_areas
    today = ctx.now.date()
    this_year = fiscal_year_of(today)
    window_start, window_end = window_for(this_year)

    profile = _profile(
        researcher,
        [areas["fundraising"], areas["monitoring-evaluation"], areas["project-cycle-management"]],
        "English, Japanese",
        "Fundraising and M&E specialist; fifteen years with international NGOs in South-East Asia.",
        None,
        None,
    )
    if not profile.cv:
        cv = _pdf(["Emma Clarke - CV", "Fundraising and monitoring & evaluation", "2010-2025 International NGOs"])
        profile.cv.save("emma-clarke-cv.pdf", ContentFile(cv))
    _profile(
        _second_researcher(),
        [areas["financial-management"], areas["governance"]],
        "Japanese, English, Khmer",
        "Certified accountant who has helped twenty NGOs set up their accounting and internal controls.",
        *fiscal_year_dates(this_year + 1),
    )
    index = _index_page(ctx)

    # 1. Completed last fiscal year, with a published final report.
    last_start, _last_end = window_for(this_year - 1)
    completed, _ = update_or_build(
        PlacementFactory,
        organization=host,
        capacity_area=areas["fundraising"],
        researcher=researcher,
        defaults={
            "goals": "Diversify income so that no single grant is more than half of the budget.",
            "host_provides": "A desk in the Tokyo office, a contact person, travel to Cambodia.",
            "start_date": last_start,
            "end_date": date(last_start.year, 11, 30),
            "state": S.COMPLETED,
            "requested_by": manager,
        },
    )
    _log(
        completed,
        [S.REQUESTED, S.MATCHED, S.APPROVED, S.ACTIVE, S.COMPLETED],
        [manager, staff, staff, manager, staff],
        ctx.now - timedelta(days=500),
    )
    final, _ = update_or_build(
        ReportFactory,
        placement=completed,
        kind=Report.Kind.FINAL,
        defaults={
            "title": "Diversifying income at Minato Water Partners",
            "summary": "Six months on fundraising: a monthly giving programme, partner reporting and reusable "
            "grant sections.",
            "status": Report.Status.APPROVED,
            "author": researcher,
            "approved_by": staff,
            "body": "",
            "approved_at": ctx.now - timedelta(days=300),
            "submitted_at": ctx.now - timedelta(days=310),
            **{name: html_to_markdown(html) for name, html in FINAL_REPORT.items()},
        },
    )
    if final.page is None or not final.page.live:
        report_publish(report=final, by=staff, publish_now=True)
        final.refresh_from_db()

    # 2. Active this fiscal year, with milestones and a submitted progress report.
    active, _ = update_or_build(
        PlacementFactory,
        organization=host,
        capacity_area=areas["monitoring-evaluation"],
        researcher=researcher,
        defaults={
            "goals": "Build a monitoring and evaluation framework the field teams can keep up on their own.",
            "host_provides": "Field visits to Kampong Cham and Savannakhet; an interpreter.",
            "start_date": window_start,
            "end_date": window_end,
            "state": S.ACTIVE,
            "requested_by": manager,
        },
    )
    _log(
        active,
        [S.REQUESTED, S.MATCHED, S.APPROVED, S.ACTIVE],
        [manager, staff, staff, manager],
        ctx.now - timedelta(days=200),
    )
    for title, days, status in MILESTONES:
        due = min(max(today + timedelta(days=days), active.start_date), active.end_date)
        update_or_build(
            MilestoneFactory,
            placement=active,
            title=title,
            defaults={"due_date": due, "status": status, "created_by": researcher},
        )
    progress, _ = update_or_build(
        ReportFactory,
        placement=active,
        kind=Report.Kind.PROGRESS,
        title="Progress report: first three months",
        defaults={
            "summary": "Baseline done, framework drafted, field test starting.",
            "body": "Interviews with all twelve Tokyo staff and the board are done. The draft framework has "
            "**eight indicators**, down from thirty-one.\n\n## Next\n\n- Field test in Kampong Cham\n"
            "- Training plan for field staff",
            "status": Report.Status.SUBMITTED,
            "author": researcher,
            "submitted_at": ctx.now - timedelta(days=3),
        },
    )
    get_or_build(
        ReportCommentFactory,
        report=progress,
        author=manager,
        body="Thank you. Could the indicators also be shown in Japanese for the board?",
        defaults={"internal": False},
    )
    get_or_build(
        ReportCommentFactory,
        report=progress,
        author=staff,
        body="Internal: consider this placement for the programme's annual good-practice summary.",
        defaults={"internal": True},
    )
    update_or_build(
        ReportFactory,
        placement=active,
        kind=Report.Kind.PROGRESS,
        title="Progress report: months four to six (draft)",
        defaults={"body": "<p>Notes so far…</p>", "summary": "", "status": Report.Status.DRAFT, "author": researcher},
    )

    # 3. A request awaiting matching, for next fiscal year.
    next_start, _next_end = window_for(this_year + 1)
    request, _ = update_or_build(
        PlacementFactory,
        organization=host,
        capacity_area=areas["financial-management"],
        state=S.REQUESTED,
        defaults={
            "goals": "Prepare for certified NPO audits: internal controls, project accounting, donor reports.",
            "host_provides": "Access to the accounting system and the finance officer's time.",
            "start_date": next_start,
            "end_date": date(next_start.year, 12, 31),
            "requested_by": manager,
        },
    )
    _log(request, [S.REQUESTED], [manager], ctx.now - timedelta(days=4))

    ctx.created_urls += [
        ("/placements/", "researcher"),
        ("/placements/", "manager"),
        ("/placements/", "staff"),
        ("/placements/export.csv", "staff"),
        ("/placements/request/", "manager"),
        ("/placements/researchers/", "staff"),
        ("/placements/researchers/apply/", "researcher"),
        (completed.get_absolute_url(), "manager"),
        (active.get_absolute_url(), "researcher"),
        (active.get_absolute_url(), "manager"),
        (active.get_absolute_url(), "staff"),
        (request.get_absolute_url(), "staff"),
        (f"/placements/{request.pk}/match/", "staff"),
        (f"/placements/researchers/{profile.pk}/cv/", "manager"),
        (progress.get_absolute_url(), "manager"),
        (progress.get_absolute_url(), "staff"),
        (final.get_absolute_url(), "researcher"),
        (index.url, None),
        (final.page.url, None),
    ]
    ctx.say(f"Placements: {Placement.objects.count()} (reports published at {index.url})")
