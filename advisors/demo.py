"""Demo advisors, availability, consultations with records and feedback, and outreach.

Idempotent: advisors are keyed by slug, consultations by a UUID derived from a demo key,
outreach by requester name and theme. Demo consultations are first set aside (cancelled)
and then written again at times relative to now, so a later run never collides with
an earlier one.
"""

import uuid
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from wagtail.models import Locale

from lms.demo import DemoContext, get_or_build, update_or_build
from organizations.factories import UserFactory
from organizations.models import ProgrammeRole, User

from .factories import (
    AdvisorProfileFactory,
    BlockedPeriodFactory,
    ConsultationFactory,
    ConsultationRecordFactory,
    DateOverrideFactory,
    FeedbackFactory,
    FollowUpFactory,
    OutreachRequestFactory,
    WeeklyRuleFactory,
)
from .models import AdvisorProfile, Consultation

DEMO_NAMESPACE = uuid.UUID("6f1d2c1e-5d0b-4e7c-9a55-0c0ffee00005")

# Advisors write their own profiles: those who work in Japanese write them in Japanese, the demo advisor
# (advisor@example.org, who reads the site in English) and Claire Dubois in London in English.
# Languages are written as their English names, which the site shows in the reader's language.
# slug, email (None: the demo advisor), first, last, region, office, zone, languages, areas, auto, headline
ADVISORS = [
    (
        "hiroshi-yamamoto",
        None,
        "Hiroshi",
        "Yamamoto",
        "kanto",
        "Tokyo regional office",
        "Asia/Tokyo",
        "Japanese, English",
        ["financial-management", "legal-status", "fundraising"],
        False,
        "Twenty years as finance director of an international NGO",
    ),
    (
        "keiko-mori",
        "keiko.mori@advisors.example.org",
        "Keiko",
        "Mori",
        "kansai",
        "大阪地域事務所",
        "Asia/Tokyo",
        "Japanese",
        ["governance", "human-resources"],
        True,
        "小規模NGOの理事会づくりと職員マネジメント",
    ),
    (
        "shun-takahashi",
        "shun.takahashi@advisors.example.org",
        "Shun",
        "Takahashi",
        "kyushu-okinawa",
        "福岡地域事務所",
        "Asia/Tokyo",
        "Japanese, English",
        ["project-cycle-management", "monitoring-evaluation"],
        False,
        "PCM研修講師。ロジカル・フレームワークとベースライン調査",
    ),
    (
        "mayumi-hayashi",
        "mayumi.hayashi@advisors.example.org",
        "Mayumi",
        "Hayashi",
        "tohoku",
        "仙台地域事務所",
        "Asia/Tokyo",
        "Japanese",
        ["safety-security", "project-cycle-management"],
        True,
        "治安の不安定な地域で働く現地スタッフの安全管理",
    ),
    (
        "ichiro-ogawa",
        "ichiro.ogawa@advisors.example.org",
        "Ichiro",
        "Ogawa",
        "hokkaido",
        "札幌地域事務所",
        "Asia/Tokyo",
        "Japanese",
        ["fundraising", "communications"],
        False,
        "個人寄付、クラウドファンディング、支援者とのコミュニケーション",
    ),
    (
        "claire-dubois",
        "claire.dubois@advisors.example.org",
        "Claire",
        "Dubois",
        "overseas",
        "London (remote)",
        "Europe/London",
        "English, French, Japanese",
        ["advocacy", "monitoring-evaluation"],
        False,
        "Advocacy and evaluation with European donors",
    ),
    (
        "noriko-fujita",
        "noriko.fujita@advisors.example.org",
        "Noriko",
        "Fujita",
        "chugoku",
        "広島地域事務所",
        "Asia/Tokyo",
        "Japanese, English",
        ["legal-status", "financial-management"],
        True,
        "NPO法人の設立、認定NPO法人の取得、毎年の届出",
    ),
]

WEEKLY = [(d, time(10, 0), time(12, 0)) for d in range(5)] + [(d, time(14, 0), time(17, 0)) for d in range(4)]

QUESTIONS = {
    "financial-management": "We received our first government grant and need to separate project accounts. "
    "How should we set up our chart of accounts and monthly reporting?",
    "legal-status": "We are a voluntary association considering NPO incorporation. What are the steps and how long "
    "does the prefecture's review take?",
    "fundraising": "Our monthly donors are declining. Which channels work for small NGOs and how do we measure them?",
    "governance": "Our board meets rarely and the director decides alone. How can we build a working board?",
    "human-resources": "How should we write contracts for staff posted overseas for one year?",
    "project-cycle-management": "Please review our draft logical framework for a water project in Cambodia.",
    "monitoring-evaluation": "How do we design a baseline survey with a small budget?",
    "safety-security": "We need a security plan for staff travelling to rural Kenya.",
    "advocacy": "How can we brief parliament members on our findings from the field?",
    "communications": "How do we write annual reports that supporters actually read?",
}
SUMMARIES = {
    "financial-management": "Agreed a chart of accounts with restricted and unrestricted funds; monthly close "
    "by the 10th; template shared.",
    "legal-status": "Walked through the incorporation steps; documents list provided; filing planned for next month.",
    "fundraising": "Reviewed donor data; recommended an autumn appeal and a thank-you call programme.",
    "governance": "Discussed board roles; drafted terms of reference for a finance committee.",
    "project-cycle-management": "Revised outcome indicators to be measurable; assumptions made explicit.",
    "monitoring-evaluation": "Sampling approach agreed; questionnaire reduced to 25 questions.",
    "safety-security": "Drafted a context analysis and check-in procedure; evacuation triggers defined.",
    "advocacy": "Mapped decision makers; one-page brief outlined.",
    "communications": "Agreed a story-led structure with three key figures per page.",
    "human-resources": "Contract template reviewed; insurance and tax points clarified.",
}


def _advisor_user(ctx: DemoContext, email, first, last, language) -> User:
    if email is None:
        return ctx.users["advisor"]
    user = UserFactory(
        email=email, first_name=first, last_name=last, preferred_language=language, groups=[ProgrammeRole.ADVISORS]
    )
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


def _advisors(ctx: DemoContext) -> dict[str, AdvisorProfile]:
    advisors = {}
    japanese = Locale.objects.get(language_code="ja")
    for slug, email, first, last, region, office, zone, languages, areas, auto, headline in ADVISORS:
        # Advisors in the regional offices work in Japanese; the one abroad in English.
        user = _advisor_user(ctx, email, first, last, "ja" if zone == "Asia/Tokyo" else "en")
        if user.time_zone != zone:
            user.time_zone = zone
            user.save(update_fields=["time_zone"])
        if user.preferred_language == "ja":
            names = "、".join(str(ctx.capacity_areas[a].get_translation(japanese)) for a in areas)
            bio = f"日本のNGOと長年活動してきた経験をもとに、{names}について助言しています。"
            room, phone = f"{office} 第2相談室", "ご依頼に書かれた番号に相談員からお電話します。"
        else:
            names = ", ".join(ctx.capacity_areas[a].name.lower() for a in areas)
            bio = f"{first} {last} has worked with Japanese NGOs for many years and advises on {names}."
            room, phone = f"{office}, consultation room 2", "The advisor will call the number in your request."
        advisor, _created = update_or_build(
            AdvisorProfileFactory,
            slug=slug,
            defaults={
                "user": user,
                "headline": headline,
                "bio": bio,
                "office": office,
                "region": ctx.regions[region],
                "languages": languages,
                "time_zone": zone,
                # National holidays are closed: Japan's for the regional offices, the UK's for London.
                "holiday_country": "JP" if zone == "Asia/Tokyo" else "GB",
                "auto_confirm": auto,
                "offers_in_person": zone == "Asia/Tokyo",
                "offers_email": slug == "noriko-fujita",
                "slot_minutes": 60,
                "buffer_minutes": 15 if slug != "claire-dubois" else 30,
                "min_notice_hours": 24,
                "consultation_window_days": 42,
                "max_per_day": 3,
                "meeting_link": f"https://meet.example.org/{slug}",
                "phone_arrangement": phone,
                "room": room,
            },
        )
        advisor.expertise.set([ctx.capacity_areas[a] for a in areas])
        if not advisor.weekly_rules.exists():
            for day, start, end in WEEKLY:
                WeeklyRuleFactory(advisor=advisor, weekday=day, start_time=start, end_time=end)
        advisors[slug] = advisor
    # A week away for one advisor and a Saturday session for another, relative to today.
    away = advisors["shun-takahashi"]
    start = datetime.combine((ctx.now + timedelta(days=14)).date(), time.min, tzinfo=away.zone)
    get_or_build(
        BlockedPeriodFactory,
        advisor=away,
        reason="Field visit to Cambodia",
        defaults={"start": start, "end": start + timedelta(days=5)},
    )
    saturday = (ctx.now + timedelta(days=(5 - ctx.now.weekday()) % 7 + 7)).date()
    get_or_build(
        DateOverrideFactory,
        advisor=advisors["keiko-mori"],
        note="Saturday clinic",
        defaults={"date": saturday, "start_time": time(10, 0), "end_time": time(13, 0)},
    )
    return advisors


def _weekday_at(ctx: DemoContext, advisor: AdvisorProfile, days: int, hour: int) -> datetime:
    day = (ctx.now.astimezone(advisor.zone) + timedelta(days=days)).date()
    while day.weekday() >= 4:  # Monday to Thursday have both windows
        day += timedelta(days=1 if days > 0 else -1)
    return datetime.combine(day, time(hour, 0), tzinfo=advisor.zone)


def _bookings(ctx: DemoContext, advisors: dict[str, AdvisorProfile]) -> list[Consultation]:
    learner, learner2 = ctx.users["learner"], ctx.users["learner2"]
    minato, kyushu = ctx.organizations[0], ctx.organizations[1]
    others = [(user, org) for org in ctx.organizations[2:] for user in ctx.staff_by_org[org.slug][:2]][:8]
    # key, advisor, learner, organization, topic, days from now, hour, status, rating
    plan = [
        ("p1", "hiroshi-yamamoto", learner, minato, "financial-management", -75, 10, "completed", 5),
        ("p2", "noriko-fujita", learner, minato, "legal-status", -52, 14, "completed", 4),
        ("p3", "hiroshi-yamamoto", learner, minato, "fundraising", -9, 14, "completed", None),
        ("p4", "shun-takahashi", learner2, kyushu, "project-cycle-management", -40, 10, "completed", 5),
        ("p5", "claire-dubois", learner2, kyushu, "monitoring-evaluation", -25, 10, "completed", 4),
        ("p6", "keiko-mori", learner2, kyushu, "governance", -18, 15, "no_show", None),
        ("p7", "hiroshi-yamamoto", learner2, kyushu, "financial-management", -4, 10, "confirmed", None),
        ("u1", "hiroshi-yamamoto", learner, minato, "legal-status", 4, 14, "pending", None),
        ("u2", "hiroshi-yamamoto", learner2, kyushu, "financial-management", 6, 10, "confirmed", None),
        ("u3", "claire-dubois", learner, minato, "advocacy", 9, 10, "confirmed", None),
        ("u4", "mayumi-hayashi", learner2, kyushu, "safety-security", 11, 15, "confirmed", None),
        ("u5", "ichiro-ogawa", learner, minato, "fundraising", 16, 11, "pending", None),
    ]
    for index, (user, org) in enumerate(others):
        slug = list(advisors)[index % len(advisors)]
        area = advisors[slug].expertise.all()[0].slug
        plan.append(
            (f"o{index}", slug, user, org, area, -70 + index * 6, 10 + index % 2 * 4, "completed", 3 + index % 3)
        )
    uids = [uuid.uuid5(DEMO_NAMESPACE, key) for key, *_rest in plan]
    # Set every demo consultation aside first so moving them to today's dates cannot collide.
    Consultation.objects.filter(uid__in=uids).update(status=Consultation.Status.CANCELLED)
    created = []
    for (_key, slug, user, org, area, days, hour, status, rating), uid in zip(plan, uids, strict=True):
        advisor = advisors[slug]
        start = _weekday_at(ctx, advisor, days, hour)
        try:
            with transaction.atomic():
                consultation, _new = update_or_build(
                    ConsultationFactory,
                    uid=uid,
                    defaults={
                        "advisor": advisor,
                        "learner": user,
                        "organization": org,
                        "topic": ctx.capacity_areas[area],
                        "mode": "online" if slug == "claire-dubois" else ("in_person" if days % 2 else "online"),
                        "question": QUESTIONS[area],
                        "start": start,
                        "end": start + timedelta(minutes=advisor.slot_minutes),
                        "status": status,
                        "arrangements": advisor.meeting_link,
                        "created_at": min(start, ctx.now) - timedelta(days=7),
                        "sequence": 1 if status != "pending" else 0,
                    },
                )
        except IntegrityError:  # a real consultation took the time since the last run
            continue
        if status == "completed":
            update_or_build(
                ConsultationRecordFactory,
                consultation=consultation,
                defaults={
                    "outcome": "resolved" if rating and rating >= 4 else "partly",
                    "summary": SUMMARIES[area],
                    "private_notes": "Organization is motivated; director stretched thin. Check in after filing.",
                    "created_at": start + timedelta(hours=2),
                },
            )
            if not consultation.follow_ups.exists():
                FollowUpFactory(
                    consultation=consultation,
                    description="Send the revised document to the advisor for a final check",
                    due_date=(start + timedelta(days=21)).date(),
                    done=days < -30,
                )
            if rating:
                update_or_build(
                    FeedbackFactory,
                    consultation=consultation,
                    defaults={"rating": rating, "comment": "Very practical and clear advice."},
                )
        created.append(consultation)
    return created


def _outreach(ctx: DemoContext, advisors: dict[str, AdvisorProfile]) -> None:
    staff = ctx.users["staff"]
    today = ctx.now.date()
    items = [
        ("Sendai City International Centre", "local_government", "desk", -30, "mayumi-hayashi", "reported",
         "NGO consultation desk at the international cooperation festival", "safety-security"),
        ("Hiroshima University", "school", "lecture", 20, "hiroshi-yamamoto", "confirmed",
         "Careers in international NGOs: how NGOs are run and funded", "financial-management"),
        ("Kansai NGO Council", "ngo", "lecture", 35, None, "requested",
         "Board governance for small NGOs", "governance"),
    ]  # fmt: skip
    for name, kind, fmt, days, slug, status, theme, area in items:
        update_or_build(
            OutreachRequestFactory,
            requester_name=name,
            theme=theme,
            defaults={
                "requester": staff,
                "requester_kind": kind,
                "format": fmt,
                "event_date": today + timedelta(days=days),
                "place": f"{name}, main hall",
                "audience": "Students and NGO staff" if kind == "school" else "Citizens and local NGOs",
                "topic": ctx.capacity_areas[area],
                "advisor": advisors[slug] if slug else None,
                "status": status,
                "attendance": 64 if status == "reported" else None,
                "topics_raised": "Volunteer insurance; safety briefings; grant reporting."
                if status == "reported"
                else "",
            },
        )


def load(ctx: DemoContext) -> None:
    advisors = _advisors(ctx)
    consultations = _bookings(ctx, advisors)
    _outreach(ctx, advisors)
    ctx.say(f"Advisors: {len(advisors)} advisors, {len(consultations)} demo consultations.")
    ctx.created_urls.append(("/advisors/", None))
    ctx.created_urls += [(advisor.get_absolute_url(), None) for advisor in advisors.values()]
    ctx.created_urls += [(advisor.get_absolute_url(), "learner") for advisor in list(advisors.values())[:2]]
    for role in ("learner", "learner2", "advisor", "staff", "manager"):
        ctx.created_urls.append(("/consultations/", role))
    ctx.created_urls += [
        ("/consultations/availability/", "advisor"),
        ("/consultations/programme/", "staff"),
        ("/consultations/outreach/", "staff"),
    ]
    learner = ctx.users["learner"]
    for consultation in consultations:
        if consultation.learner_id == learner.pk:
            ctx.created_urls.append((consultation.get_absolute_url(), "learner"))
            if consultation.advisor.user_id == ctx.users["advisor"].pk:
                ctx.created_urls.append((consultation.get_absolute_url(), "advisor"))
