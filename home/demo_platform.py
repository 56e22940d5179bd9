"""Demo people, organizations and vocabulary (the platform part of the demo)."""

from wagtail.models import Locale

from lms.demo import DemoContext, get_or_build, update_or_build
from organizations.demo import demo_user
from organizations.factories import (
    CapacityAreaFactory,
    FieldOfActivityFactory,
    MembershipFactory,
    OrganizationFactory,
    RegionFactory,
)
from organizations.models import Membership, ProgrammeRole

# slug, English name, Japanese name (the Japanese rows are Wagtail snippet translations)
CAPACITY_AREAS = [
    ("governance", "Governance and leadership", "ガバナンスとリーダーシップ"),
    ("financial-management", "Financial management and accounting", "財務管理と会計"),
    ("project-cycle-management", "Project cycle management", "プロジェクト・サイクル・マネジメント"),
    ("fundraising", "Fundraising and grant applications", "資金調達と助成金申請"),
    ("monitoring-evaluation", "Monitoring and evaluation", "モニタリングと評価"),
    ("human-resources", "Human resources", "人材と組織づくり"),
    ("safety-security", "Safety and security", "安全管理"),
    ("advocacy", "Advocacy and policy", "アドボカシーと政策提言"),
    ("legal-status", "Legal status and compliance", "法人格とコンプライアンス"),
    ("communications", "Communications and public relations", "広報とコミュニケーション"),
]
REGIONS = [
    ("hokkaido", "Hokkaido", "北海道"),
    ("tohoku", "Tohoku", "東北"),
    ("kanto", "Kanto", "関東"),
    ("chubu", "Chubu", "中部"),
    ("kansai", "Kansai", "関西"),
    ("chugoku", "Chugoku", "中国"),
    ("shikoku", "Shikoku", "四国"),
    ("kyushu-okinawa", "Kyushu and Okinawa", "九州・沖縄"),
    ("overseas", "Overseas", "海外"),
]
FIELDS = [
    ("healthcare", "Healthcare", "保健医療"),
    ("education", "Education", "教育"),
    ("agriculture", "Agriculture", "農業"),
    ("water-sanitation", "Water and sanitation", "水と衛生"),
    ("disaster-relief", "Disaster relief", "災害救援"),
    ("livelihoods", "Livelihoods", "生計向上"),
    ("environment", "Environment", "環境"),
    ("gender", "Gender equality", "ジェンダー平等"),
]
FIELD_NAMES_JA = {slug: name_ja for slug, _name, name_ja in FIELDS}
# The demo NGOs are Japanese and their managers write in Japanese: countries, description and notes too.
ORGANIZATIONS = [
    # slug, name, region, fields, countries, legal form, founded
    (
        "minato-water-partners",
        "Minato Water Partners (みなと水協力会)",
        "kanto",
        ["water-sanitation", "healthcare"],
        "カンボジア、ラオス",
        "certified_npo",
        1998,
    ),
    (
        "kyushu-health-link",
        "Kyushu Health Link (九州ヘルスリンク)",
        "kyushu-okinawa",
        ["healthcare", "gender"],
        "ケニア、ウガンダ",
        "npo",
        2004,
    ),
    (
        "tohoku-education-network",
        "Tohoku Rural Education Network (東北農村教育ネット)",
        "tohoku",
        ["education", "disaster-relief"],
        "ネパール、フィリピン",
        "npo",
        2012,
    ),
    (
        "kansai-relief-forum",
        "Kansai Disaster Relief Forum (関西防災フォーラム)",
        "kansai",
        ["disaster-relief", "environment"],
        "インドネシア、ミャンマー",
        "general_inc",
        1995,
    ),
    (
        "hokkaido-agri-bridge",
        "Hokkaido Agriculture Bridge (北海道農業ブリッジ)",
        "hokkaido",
        ["agriculture", "livelihoods"],
        "モンゴル、タンザニア",
        "npo",
        2009,
    ),
    (
        "shikoku-livelihood-centre",
        "Shikoku Women's Livelihood Centre (四国女性生活支援センター)",
        "shikoku",
        ["gender", "livelihoods"],
        "バングラデシュ、スリランカ",
        "voluntary",
        2016,
    ),
]
# key, email, first, last, language, organization slug, role, groups, extra
DEMO_USERS = [
    ("learner", "learner@example.org", "Haruka", "Sato", "ja", "minato-water-partners", "member", []),
    ("manager", "manager@example.org", "Kenji", "Tanaka", "ja", "minato-water-partners", "manager", []),
    ("learner2", "learner2@example.org", "Grace", "Wanjiru", "en", "kyushu-health-link", "member", []),
    ("manager2", "manager2@example.org", "Yuki", "Nakamura", "ja", "kyushu-health-link", "manager", []),
    ("facilitator", "facilitator@example.org", "Aiko", "Suzuki", "ja", "tohoku-education-network", "manager", []),
    ("advisor", "advisor@example.org", "Hiroshi", "Yamamoto", "en", None, None, [ProgrammeRole.ADVISORS]),
    ("researcher", "researcher@example.org", "Emma", "Clarke", "en", None, None, [ProgrammeRole.RESEARCHERS]),
    ("editor", "editor@example.org", "Mika", "Kobayashi", "en", None, None, [ProgrammeRole.EDITORS]),
    (
        "staff",
        "staff@example.org",
        "Takeshi",
        "Watanabe",
        "en",
        None,
        None,
        [ProgrammeRole.PROGRAMME_STAFF, ProgrammeRole.MODERATORS],
    ),
    ("admin", "admin@example.org", "Admin", "User", "en", None, None, []),
]
EXTRA_STAFF = [
    ("minato-water-partners", [("Daiki", "Ito"), ("Sarah", "Okafor"), ("Naoko", "Kato")]),
    ("kyushu-health-link", [("Ren", "Yoshida"), ("Amina", "Hassan")]),
    ("tohoku-education-network", [("Sota", "Sasaki"), ("Maria", "Santos")]),
    ("kansai-relief-forum", [("Yui", "Yamaguchi"), ("Takumi", "Matsumoto"), ("Lina", "Park")]),
    ("hokkaido-agri-bridge", [("Kaito", "Inoue"), ("Bolor", "Erdene")]),
    ("shikoku-livelihood-centre", [("Sakura", "Kimura"), ("Nadia", "Rahman")]),
]


def _vocabulary(factory, rows) -> dict:
    """The English rows records point at, each with its Japanese translation."""
    japanese, _ = Locale.objects.get_or_create(language_code="ja")
    default = Locale.get_default()
    found = {}
    for order, (slug, name, name_ja) in enumerate(rows):
        item, _ = update_or_build(factory, slug=slug, locale=default, defaults={"name": name, "sort_order": order})
        translation = item.get_translation_or_none(japanese) or item.copy_for_translation(japanese)
        translation.name, translation.sort_order = name_ja, order
        translation.save()
        found[slug] = item
    return found


def load(ctx: DemoContext) -> None:
    ctx.capacity_areas.update(_vocabulary(CapacityAreaFactory, CAPACITY_AREAS))
    ctx.regions.update(_vocabulary(RegionFactory, REGIONS))
    ctx.fields_of_activity.update(_vocabulary(FieldOfActivityFactory, FIELDS))

    organizations = {}
    for slug, name, region, fields, countries, legal_form, founded in ORGANIZATIONS:
        org, _ = update_or_build(
            OrganizationFactory,
            slug=slug,
            defaults={
                "name": name,
                "region": ctx.regions[region],
                "countries_of_operation": countries,
                "legal_form": legal_form,
                "founded_year": founded,
                "website": f"https://{slug}.example.org",
                "description": f"{name.split(' (')[-1].rstrip(')')}は、{countries}で現地の協力団体とともに"
                f"{'と'.join(FIELD_NAMES_JA[f] for f in fields)}の分野で活動しています。",
                "internal_notes": "職員会議は毎月第2火曜日。共有ドライブの使い方は事務局担当に聞いてください。",
            },
        )
        org.fields_of_activity.set([ctx.fields_of_activity[f] for f in fields])
        organizations[slug] = org
        ctx.organizations.append(org)
        ctx.staff_by_org[slug] = []

    for key, email, first, last, language, org_slug, role, groups in DEMO_USERS:
        user = demo_user(email, first, last, language, groups=groups, superuser=(key == "admin"))
        ctx.users[key] = user
        if org_slug:
            update_or_build(MembershipFactory, user=user, organization=organizations[org_slug], defaults={"role": role})
            ctx.staff_by_org[org_slug].append(user)

    for org_slug, people in EXTRA_STAFF:
        for index, (first, last) in enumerate(people):
            email = f"{first.lower()}.{last.lower()}@{org_slug}.example.org"
            language = "ja" if index % 2 == 0 else "en"
            user = demo_user(email, first, last, language)
            role = (
                Membership.Role.MANAGER
                if index == 0 and not any(m.role == "manager" for m in organizations[org_slug].memberships.all())
                else Membership.Role.MEMBER
            )
            get_or_build(MembershipFactory, user=user, organization=organizations[org_slug], defaults={"role": role})
            ctx.staff_by_org[org_slug].append(user)

    ctx.created_urls += [(org.get_absolute_url(), None) for org in ctx.organizations]
    ctx.created_urls.append((f"/organizations/{ORGANIZATIONS[0][0]}/members/", "manager"))
