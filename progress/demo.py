"""Demo self-assessment, two years of responses per demo NGO, and targets. Runs after every scheme's loader."""

from datetime import datetime, time, timedelta

from lms.demo import DemoContext, update_or_build
from lms.fiscal import FISCAL_TZ, fiscal_year_dates, fiscal_year_of
from organizations.models import Membership

from .factories import AssessmentFactory, IndicatorFactory, TargetFactory, submitted_response
from .models import Assessment, AssessmentResponse, Target

# capacity area slug, indicator, levels 1-4
INDICATORS = [
    (
        "governance",
        "The board meets regularly and oversees strategy and risk",
        [
            "There is no functioning board, or it rarely meets.",
            "The board meets, but mostly to approve what staff propose.",
            "The board meets at least quarterly, approves the plan and budget and reviews risks.",
            "The board sets strategy, evaluates the director and renews itself on a plan.",
        ],
    ),
    (
        "financial-management",
        "Accounts are kept to recognised standards and audited",
        [
            "Income and spending are recorded informally.",
            "Accounts are kept in a spreadsheet; no regular reconciliation.",
            "Accounting software, monthly reconciliation and an annual external review.",
            "Full audit, project-level cost tracking and published financial statements.",
        ],
    ),
    (
        "financial-management",
        "Budgets are monitored against actual spending",
        [
            "There is no budget for the year.",
            "A budget exists but is not compared with spending.",
            "Budget against actual is reviewed every quarter.",
            "Monthly reviews, with forecasts used to adjust plans.",
        ],
    ),
    (
        "project-cycle-management",
        "Projects are planned with a logical framework and a work plan",
        [
            "Projects start without a written plan.",
            "Plans exist for some projects, without measurable objectives.",
            "Every project has a logframe, a work plan and a budget.",
            "Plans are built with partners and beneficiaries and revised as the project learns.",
        ],
    ),
    (
        "fundraising",
        "Income comes from several sources",
        [
            "One source provides almost all income.",
            "Two or three sources, with no fundraising plan.",
            "A written fundraising plan; no source gives more than half the income.",
            "A diverse, growing base of individual, corporate and institutional funders.",
        ],
    ),
    (
        "monitoring-evaluation",
        "Results are measured and used to improve projects",
        [
            "Only activities are counted.",
            "Some outcome data is collected but rarely analysed.",
            "Indicators with baselines; results reviewed with staff each year.",
            "Independent evaluations; findings change plans and are shared publicly.",
        ],
    ),
    (
        "human-resources",
        "Staff have written roles, supervision and training",
        [
            "No written job descriptions or contracts.",
            "Contracts exist; supervision and training are ad hoc.",
            "Job descriptions, annual reviews and a training budget.",
            "A development plan for each person and succession plans for key roles.",
        ],
    ),
    (
        "safety-security",
        "Staff safety abroad is planned and managed",
        [
            "No security procedures.",
            "Informal advice before travel.",
            "Written security plan, travel registration and emergency contacts tested yearly.",
            "Regular risk assessments, drills and trained focal points in each country.",
        ],
    ),
    (
        "advocacy",
        "The organization speaks for the people it serves",
        [
            "No advocacy work.",
            "Occasional statements, not based on evidence from projects.",
            "An advocacy plan using project evidence, with partners.",
            "Recognised voice in policy dialogue, with measurable policy changes.",
        ],
    ),
    (
        "legal-status",
        "Legal obligations are met on time",
        [
            "Legal status or reporting obligations are unclear.",
            "Obligations are known but reports are often late.",
            "All reports filed on time; a calendar of obligations is kept.",
            "Compliance reviewed by the board; certified status held or planned.",
        ],
    ),
    (
        "communications",
        "Supporters hear regularly about results",
        [
            "No regular communication with supporters.",
            "An occasional newsletter or social media post.",
            "A communications plan with regular reports to supporters.",
            "Stories and data from the field reach a growing audience across channels.",
        ],
    ),
]

# The same instrument in Japanese: title, introduction, each indicator and what each level means.
TITLE_JA = "NGO組織力セルフアセスメント"
INTRODUCTION_JA = (
    "事業の能力分野にわたる11の指標です。チームで話し合って回答してください。"
    "点数と同じくらい、話し合いそのものが大切です。"
)
INDICATORS_JA = {
    "The board meets regularly and oversees strategy and risk": (
        "理事会が定期的に開かれ、戦略とリスクを監督している",
        [
            "機能する理事会がない、またはほとんど開かれない。",
            "理事会は開かれるが、主に職員の提案を承認するだけである。",
            "理事会は少なくとも四半期ごとに開かれ、計画と予算を承認し、リスクを確認している。",
            "理事会が戦略を定め、事務局長を評価し、計画的に改選している。",
        ],
    ),
    "Accounts are kept to recognised standards and audited": (
        "会計が認められた基準に沿って記録され、監査を受けている",
        [
            "収入と支出の記録が非公式である。",
            "会計は表計算ソフトで管理しているが、定期的な照合はしていない。",
            "会計ソフト、毎月の照合、年1回の外部確認がある。",
            "完全な監査、事業別の費用管理、財務諸表の公開を行っている。",
        ],
    ),
    "Budgets are monitored against actual spending": (
        "予算と実際の支出が比較・管理されている",
        [
            "年間予算がない。",
            "予算はあるが、支出と比較していない。",
            "四半期ごとに予算と実績を確認している。",
            "毎月確認し、見通しをもとに計画を調整している。",
        ],
    ),
    "Projects are planned with a logical framework and a work plan": (
        "事業がロジカル・フレームワークと作業計画に基づいて計画されている",
        [
            "書面の計画なしに事業を始めている。",
            "一部の事業に計画はあるが、測定可能な目標がない。",
            "すべての事業にログフレーム、作業計画、予算がある。",
            "パートナーや受益者と計画をつくり、事業の学びに応じて見直している。",
        ],
    ),
    "Income comes from several sources": (
        "収入源が複数ある",
        [
            "ほぼすべての収入が一つの財源による。",
            "財源は2〜3あるが、ファンドレイジング計画はない。",
            "書面のファンドレイジング計画があり、収入の半分を超える財源はない。",
            "個人・企業・団体からの多様な支援が広がっている。",
        ],
    ),
    "Results are measured and used to improve projects": (
        "成果を測定し、事業の改善に生かしている",
        [
            "活動の回数だけを数えている。",
            "成果のデータを一部集めているが、ほとんど分析していない。",
            "ベースラインのある指標があり、毎年職員と成果を振り返っている。",
            "外部評価を行い、その結果で計画を変え、公表している。",
        ],
    ),
    "Staff have written roles, supervision and training": (
        "職員の役割が文書化され、指導と研修がある",
        [
            "職務記述書や雇用契約がない。",
            "契約はあるが、指導や研修は場当たり的である。",
            "職務記述書、年次の評価面談、研修予算がある。",
            "一人ひとりの育成計画と、主要な役職の後継計画がある。",
        ],
    ),
    "Staff safety abroad is planned and managed": (
        "海外での職員の安全が計画・管理されている",
        [
            "安全管理の手順がない。",
            "渡航前に非公式な助言をしている。",
            "書面の安全管理計画、渡航登録、毎年確認する緊急連絡網がある。",
            "定期的なリスク評価、訓練、各国の担当者の育成を行っている。",
        ],
    ),
    "The organization speaks for the people it serves": (
        "支援する人々の声を代弁している",
        [
            "アドボカシー活動をしていない。",
            "ときどき声明を出すが、事業からの根拠に基づいていない。",
            "事業の根拠を使ったアドボカシー計画があり、パートナーと取り組んでいる。",
            "政策対話で認められた存在であり、測定可能な政策の変化をもたらしている。",
        ],
    ),
    "Legal obligations are met on time": (
        "法的な義務を期限どおりに果たしている",
        [
            "法人格や報告義務がはっきりしていない。",
            "義務は把握しているが、報告が遅れることが多い。",
            "すべての報告を期限内に提出し、義務の予定表を管理している。",
            "理事会が法令遵守を確認し、認定を取得済みまたは取得予定である。",
        ],
    ),
    "Supporters hear regularly about results": (
        "支援者に成果を定期的に伝えている",
        [
            "支援者との定期的な連絡がない。",
            "ときどきニュースレターやSNSで発信している。",
            "広報計画があり、支援者に定期的に報告している。",
            "現場の物語とデータが、さまざまな媒体を通じて広がる読者に届いている。",
        ],
    ),
}


def _assessment(ctx: DemoContext) -> Assessment:
    assessment, _created = update_or_build(
        AssessmentFactory,
        slug="ngo-capacity",
        version=1,
        defaults={
            "title": "NGO capacity self-assessment",
            "introduction": "Eleven indicators across the programme's capacity areas. Answer as a team: "
            "the conversation matters as much as the score.",
            "title_ja": TITLE_JA,
            "introduction_ja": INTRODUCTION_JA,
            "is_open": True,
        },
    )
    for order, (area, text, levels) in enumerate(INDICATORS):
        text_ja, levels_ja = INDICATORS_JA[text]
        update_or_build(
            IndicatorFactory,
            assessment=assessment,
            text=text,
            defaults={
                "capacity_area": ctx.capacity_areas[area],
                "sort_order": order,
                "level_1": levels[0],
                "level_2": levels[1],
                "level_3": levels[2],
                "level_4": levels[3],
                "text_ja": text_ja,
                **{f"level_{n}_ja": level for n, level in enumerate(levels_ja, start=1)},
            },
        )
    return assessment


def _responses(ctx: DemoContext, assessment: Assessment, this_year: int) -> None:
    indicators = list(assessment.indicators.all())
    for position, organization in enumerate(ctx.organizations):
        # The two demo NGOs managers log in to have the previous two years, so "this year's" is theirs to fill in.
        years = [this_year - 2, this_year - 1] if position < 2 else [this_year - 1, this_year]
        staff = ctx.staff_by_org.get(organization.slug) or [None]
        managers = list(
            Membership.objects.filter(organization=organization, role=Membership.Role.MANAGER).select_related("user")
        )
        submitter = managers[0].user if managers else staff[0]
        base = {indicator.pk: ctx.rng.choice([1, 2, 2, 3]) for indicator in indicators}
        for step, fy in enumerate(years):
            if AssessmentResponse.objects.filter(organization=organization, fiscal_year=fy).exists():
                continue
            # Most areas grow a little; one NGO slips in a couple, so the programme sees both directions.
            scores = {}
            for indicator in indicators:
                change = ctx.rng.choice([0, 1, 1]) if step else 0
                if position == 3 and step:
                    change = -1 if indicator.sort_order in (1, 2, 4, 5, 7) else 0
                scores[indicator] = max(1, min(4, base[indicator.pk] + change))
            when = datetime.combine(fiscal_year_dates(fy)[0].replace(month=9, day=15), time(10), tzinfo=FISCAL_TZ)
            if when > ctx.now:
                when = ctx.now - timedelta(days=3)
            response = submitted_response(
                organization=organization, assessment=assessment, fiscal_year=fy, scores=scores, when=when
            )
            response.created_by = response.submitted_by = submitter
            response.summary = "職員合宿で全員で話し合って評価しました。"
            response.save(update_fields=["created_by", "submitted_by", "summary"])


# The demo NGOs' managers write in Japanese. (English title of earlier demos, title, metric, value, area)
TARGETS = [
    (
        "3 staff join a study group by March",
        "3月までに職員3名が研究会に参加する",
        Target.Metric.STUDY_GROUP_MEMBERS,
        3,
        None,
    ),
    (
        "Financial management score reaches 3",
        "財務管理の自己評価スコアを3にする",
        Target.Metric.ASSESSMENT_SCORE,
        3,
        "financial-management",
    ),
    ("Welcome 2 new staff to the platform", "新しい職員2名が利用を始める", Target.Metric.NEW_MEMBERS, 2, None),
]


def _targets(ctx: DemoContext, this_year: int) -> None:
    start, end = fiscal_year_dates(this_year)
    for organization in ctx.organizations[:3]:
        setter = (
            Membership.objects.filter(organization=organization, role=Membership.Role.MANAGER)
            .select_related("user")
            .first()
        )
        for earlier, title, metric, value, area in TARGETS:
            Target.objects.filter(organization=organization, title=earlier).update(title=title)
            update_or_build(
                TargetFactory,
                organization=organization,
                title=title,
                defaults={
                    "metric": metric,
                    "target_value": value,
                    "capacity_area": ctx.capacity_areas[area] if area else None,
                    "start_date": start if metric != Target.Metric.NEW_MEMBERS else start.replace(year=start.year - 1),
                    "due_date": end,
                    "created_by": setter.user if setter else None,
                },
            )


def load(ctx: DemoContext) -> None:
    this_year = fiscal_year_of(ctx.now)
    assessment = _assessment(ctx)
    _responses(ctx, assessment, this_year)
    _targets(ctx, this_year)
    first, second = ctx.organizations[0], ctx.organizations[1]
    member = ctx.users["learner"]
    base = f"/organizations/{first.slug}/progress/"
    ctx.created_urls += [
        (base, "manager"),
        (base + "?fy=all", "manager"),
        (base + "assessment/", "manager"),
        (base + f"members/{member.pk}/", "manager"),
        (base + "targets/new/", "manager"),
        (f"/organizations/{second.slug}/progress/", "manager2"),
        (base, "staff"),
        ("/programme/", "staff"),
        ("/programme/?fy=all", "staff"),
        ("/programme/organizations/", "staff"),
    ]
    ctx.say("Progress: capacity self-assessment with two years of responses per NGO, and targets.")
