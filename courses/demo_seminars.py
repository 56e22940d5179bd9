"""Demo seminars: past and upcoming, in person, online and hybrid, one full with a waitlist."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from lms.demo import DemoContext

from . import services
from .factories import SeminarRegistrationFactory
from .models import SeminarIndexPage, SeminarMaterial, SeminarPage, SeminarRegistration, SeminarSession, SeminarSpeaker

TOKYO = ZoneInfo("Asia/Tokyo")

# slug, title, summary, audience, areas, region, [(days from now, start hour, hours, format, venue, address, capacity)]
SEMINARS = [
    (
        "npo-accounting-introduction",
        "Introduction to NPO accounting (NPO会計入門セミナー)",
        "A practical afternoon on the NPO accounting standard, receipts from overseas and preparing for the "
        "annual report to the prefecture.",
        "Finance and administration staff of member NGOs",
        ["financial-management"],
        "kanto",
        [(-45, 14, 3, "in_person", "JICA Ichigaya, Seminar Room 600", "10-5 Ichigaya Honmuracho, Shinjuku, Tokyo", 30)],
    ),
    (
        "overseas-safety-management",
        "Safety management for overseas staff (海外安全管理セミナー)",
        "Risk assessment, security plans and incident response, with case studies from NGOs in South Asia and "
        "East Africa.",
        "Programme managers and staff travelling abroad",
        ["safety-security"],
        "overseas",
        [(-20, 10, 2, "online", "", "", 100)],
    ),
    (
        "pcm-workshop-osaka",
        "Project cycle management workshop (PCM研修・大阪)",
        "Two half-days: stakeholder and problem analysis on day one, the project design matrix on day two. "
        "Join in Osaka or online.",
        "Staff who plan projects or write grant applications",
        ["project-cycle-management", "monitoring-evaluation"],
        "kansai",
        [
            (12, 13, 4, "hybrid", "Osaka International Centre, Room 3", "1-5-1 Otemae, Chuo, Osaka", 24),
            (19, 13, 4, "hybrid", "Osaka International Centre, Room 3", "1-5-1 Otemae, Chuo, Osaka", 24),
        ],
    ),
    (
        "grant-proposals-that-get-funded",
        "Writing grant proposals that get funded (助成金申請書の書き方)",
        "Foundation and government grant officers explain what they look for, then review anonymised proposals "
        "with participants.",
        "Fundraising staff and directors of small NGOs",
        ["fundraising"],
        "overseas",
        [(8, 19, 2, "online", "", "", 5)],
    ),
    (
        "me-clinic-fukuoka",
        "Monitoring and evaluation clinic (モニタリング・評価クリニック・福岡)",
        "Bring your indicator framework: advisors work through it with you in small groups.",
        "M&E officers and programme managers",
        ["monitoring-evaluation"],
        "kyushu-okinawa",
        [(26, 14, 3, "in_person", "ACROS Fukuoka, Meeting Room 702", "1-1-1 Tenjin, Chuo, Fukuoka", 16)],
    ),
    (
        "board-governance-forum",
        "Board governance forum (理事会ガバナンス・フォーラム)",
        "Directors of NGOs share how their boards oversee strategy, finance and risk. Registration opens soon.",
        "Board members and executive directors",
        ["governance"],
        "kanto",
        [(60, 15, 2, "hybrid", "JICA Ichigaya, Auditorium", "10-5 Ichigaya Honmuracho, Shinjuku, Tokyo", 60)],
    ),
]
SPEAKERS = [
    ("Keiko Morita", "Certified public accountant, NPO accounting standard committee"),
    ("Shun Aoki", "NGO Advisor, Kanto regional office"),
    ("Amara Okonkwo", "Security adviser, international NGO network"),
]


def _at(ctx: DemoContext, days: int, hour: int) -> datetime:
    day = (ctx.now.astimezone(TOKYO) + timedelta(days=days)).date()
    return datetime.combine(day, time(hour, 0), tzinfo=TOKYO)


def _index(ctx: DemoContext) -> SeminarIndexPage:
    index = SeminarIndexPage.objects.child_of(ctx.home_page).filter(slug="seminars").first()
    if index is None:
        index = SeminarIndexPage(
            title="Seminars",
            slug="seminars",
            intro="Training on NGO management, in person across Japan and online. Free for member NGOs; "
            "seats are confirmed in order of registration. 参加無料・先着順です。",
        )
        ctx.home_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def _document(title: str, text: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(f"{title.lower().replace(' ', '-')}.txt", ContentFile(text.encode()), save=False)
        document.save()
    return document


def _seminar(ctx: DemoContext, index, spec, position: int) -> SeminarPage:
    slug, title, summary, audience, areas, region, sessions = spec
    seminar = SeminarPage.objects.child_of(index).filter(slug=slug).first()
    if seminar is not None:
        # Earlier demos titled sessions "Day 1", "Day 2", which no translation can reach.
        seminar.sessions.filter(title__regex=r"^Day [0-9]+$").update(title="")
        return seminar
    seminar = SeminarPage(
        title=title,
        slug=slug,
        summary=summary,
        audience=audience,
        region=ctx.regions.get(region),
        body=[("paragraph", f"<p>{summary}</p><p>Materials are published here before and after the seminar.</p>")],
    )
    session_list = []
    for number, (days, hour, hours, fmt, venue, address, capacity) in enumerate(sessions):
        start = _at(ctx, days, hour)
        opens = None if slug != "board-governance-forum" else ctx.now + timedelta(days=7)
        session_list.append(
            SeminarSession(
                title="",  # the page numbers the sessions in the reader's language
                starts_at=start,
                ends_at=start + timedelta(hours=hours),
                time_zone="Asia/Tokyo",
                format=fmt,
                venue=venue,
                address=address,
                meeting_url="https://meet.example.org/ngo-" + slug if fmt != "in_person" else "",
                capacity=capacity,
                registration_opens_at=opens,
                registration_closes_at=start - timedelta(days=1),
                sort_order=number,
            )
        )
    seminar.sessions = session_list
    name, affiliation = SPEAKERS[position % len(SPEAKERS)]
    seminar.speakers = [SeminarSpeaker(name=name, affiliation=affiliation)]
    handout = _document(f"{slug} handout", f"{title}\n\nProgramme and reading list.\n")
    slides = _document(f"{slug} slides", f"{title}\n\nSlides for participants.\n")
    seminar.materials = [
        SeminarMaterial(document=handout, title="Programme and reading list"),
        SeminarMaterial(document=slides, title="Slides", for_participants=True),
    ]
    index.add_child(instance=seminar)
    seminar.capacity_areas.set([ctx.capacity_areas[a] for a in areas])
    seminar.organizers.set([ctx.users["staff"]])
    seminar.save_revision().publish()
    return seminar


def _past_registration(session, user, *, attended: bool, seat: int, ctx: DemoContext):
    """Past sessions can no longer be registered for through the service, so record the history directly."""
    registration = SeminarRegistration.objects.filter(session=session, user=user).first()
    if registration is None:
        registration = SeminarRegistrationFactory(
            session=session,
            user=user,
            organization=services.default_organization_for(user),
            registered_by=user,
            status=SeminarRegistration.Status.CONFIRMED,
            seat=seat,
            requested_at=session.starts_at - timedelta(days=14),
            confirmed_at=session.starts_at - timedelta(days=14),
            attended=attended,
            attendance_marked_at=session.ends_at,
            attendance_marked_by=ctx.users["staff"],
        )
    return registration


def _register(session, user, **kwargs):
    if SeminarRegistration.objects.filter(session=session, user=user, status__in=["confirmed", "waitlisted"]).exists():
        return None
    return services.registration_create(session=session, user=user, **kwargs)


def load_seminars(ctx: DemoContext) -> list[SeminarPage]:
    index = _index(ctx)
    seminars = [_seminar(ctx, index, spec, i) for i, spec in enumerate(SEMINARS)]
    accounting, safety, pcm, grants, mande, forum = seminars
    learner, learner2 = ctx.users["learner"], ctx.users["learner2"]
    everyone = [person for people in ctx.staff_by_org.values() for person in people]

    # Past: attendance and feedback.
    past_people = [learner, learner2, ctx.users["manager"], *everyone[:8]]
    for seminar in (accounting, safety):
        session = seminar.sessions.first()
        for seat, person in enumerate(dict.fromkeys(past_people), start=1):
            registration = _past_registration(session, person, attended=seat % 5 != 0, seat=seat, ctx=ctx)
            if registration.attended and seat % 2 == 1 and person != learner:
                services.feedback_submit(
                    registration=registration,
                    user=person,
                    rating=4 + seat % 2,
                    comments="Practical examples we can use straight away." if seat % 3 else "",
                )

    # Upcoming: the learner has a seat at the PCM workshop and the M&E clinic.
    for session in pcm.sessions.all():
        _register(session, learner)
    _register(mande.sessions.first(), learner)
    manager = ctx.users["manager"]
    organization = ctx.organizations[0]
    colleague = next((p for p in ctx.staff_by_org[organization.slug] if p not in (learner, manager)), None)
    if colleague:
        _register(pcm.sessions.first(), colleague, registered_by=manager, organization=organization)

    # The grants seminar is full: five seats taken, then a waitlist including learner2.
    grants_session = grants.sessions.first()
    for person in [p for p in everyone if p not in (learner, learner2)][:5]:
        _register(grants_session, person)
    _register(grants_session, learner2)
    _register(grants_session, everyone[-1])

    ctx.created_urls.append((index.url, None))
    ctx.created_urls.append((index.url + "?format=online", None))
    for seminar in seminars:
        ctx.created_urls += [(seminar.url, None), (seminar.url, "learner"), (seminar.url, "manager")]
    for session in SeminarSession.objects.filter(seminar__in=seminars)[:3]:
        ctx.created_urls += [
            (f"/seminar-sessions/{session.pk}/roster/", "staff"),
            (f"/seminar-sessions/{session.pk}/roster/print/", "staff"),
            (f"/seminar-sessions/{session.pk}/roster.csv", "staff"),
        ]
    feedback_due = SeminarRegistration.objects.filter(
        user=learner, session__seminar__in=[accounting, safety], attended=True, feedback__isnull=True
    ).first()
    if feedback_due:
        ctx.created_urls.append((f"/seminar-registrations/{feedback_due.pk}/feedback/", "learner"))
    ctx.say(f"Seminars: {len(seminars)} (past and upcoming; “{grants.title}” is full with a waitlist).")
    return seminars
