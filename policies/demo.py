"""Demo policies: the terms of use and the privacy notice, in English and Japanese, and the demo people's consent."""

from django.contrib.auth import get_user_model

from lms.demo import DemoContext

from .models import PolicyKind, PolicyPage
from .selectors import current_policies
from .services import consent_record

POLICIES = {
    PolicyKind.TERMS: {
        "slug": "terms",
        "title": "Terms of use",
        "summary_of_changes": "First published version.",
        "body": (
            "<h2>Who may use this site</h2><p>Staff and volunteers of NGOs taking part in the Capacity Building "
            "Support for NGOs programme, the programme's advisors and researchers, and the Ministry's programme "
            "staff.</p><h2>Your account</h2><ul><li>Use your own name and an email address you read.</li>"
            "<li>Keep your password to yourself and sign out on shared computers.</li></ul>"
            "<h2>What you post</h2><p>Posts, documents and reports you share in study groups and consultations "
            "stay yours. You let the programme show them to the people the workspace is shared with.</p>"
            "<h2>Changes</h2><p>When these terms change we ask you to agree again the next time you sign in.</p>"
        ),
        "ja": {
            "title": "利用規約",
            "summary_of_changes": "最初の版です。",
            "body": (
                "<h2>利用できる方</h2><p>NGO能力強化支援事業に参加するNGOの職員・ボランティア、NGO相談員、"
                "NGO専門調査員、及び外務省の事業担当者。</p><h2>アカウント</h2><ul><li>ご本人の氏名と、"
                "確認できるメールアドレスをお使いください。</li><li>パスワードは他人に教えず、共用の"
                "パソコンでは必ずログアウトしてください。</li></ul><h2>投稿について</h2><p>NGO研究会や"
                "相談で共有した投稿・文書・報告書の権利は投稿者にあります。共有先の参加者に表示することを"
                "許諾していただきます。</p><h2>変更</h2><p>規約を変更した場合は、次回ログイン時に改めて"
                "同意をお願いします。</p>"
            ),
        },
    },
    PolicyKind.PRIVACY: {
        "slug": "privacy",
        "title": "Privacy notice",
        "summary_of_changes": "First published version.",
        "body": (
            "<h2>What we hold</h2><p>Your name, email address, organization, preferred language and time zone; "
            "your enrolments, seminar registrations, consultations, study group posts and reports.</p>"
            "<h2>Why</h2><p>To run the programme's seminars, consultations, study groups and placements, and to "
            "report the programme's results to the Ministry in figures that do not name you.</p>"
            "<h2>Your rights</h2><p>Under Japan's Act on the Protection of Personal Information (and the GDPR "
            "where it applies) you may download what we hold about you and ask us to erase your account.</p>"
        ),
        "ja": {
            "title": "個人情報の取扱い",
            "summary_of_changes": "最初の版です。",
            "body": (
                "<h2>保有する情報</h2><p>氏名、メールアドレス、所属団体、使用言語、タイムゾーン、及び受講・"
                "セミナー申込・相談・NGO研究会への投稿・報告書。</p><h2>利用目的</h2><p>セミナー、相談、"
                "NGO研究会、NGO専門調査員の派遣を運営し、個人を特定しない統計として外務省に事業成果を報告"
                "するため。</p><h2>ご本人の権利</h2><p>個人情報保護法（該当する場合はGDPR）に基づき、保有"
                "する情報のダウンロードやアカウントの削除を求めることができます。</p>"
            ),
        },
    },
}


def _translate(page: PolicyPage, fields: dict, ctx: DemoContext) -> None:
    try:
        from home.demo_translations import translate
    except ImportError:  # no Japanese tree in this project
        return
    translate(page, fields, ctx=ctx)


def load(ctx: DemoContext) -> None:
    home = ctx.home_page
    if home is None:
        return
    for kind, content in POLICIES.items():
        page = PolicyPage.objects.child_of(home).filter(slug=content["slug"]).first()
        if page is None:
            page = PolicyPage(
                kind=kind,
                slug=content["slug"],
                title=content["title"],
                summary_of_changes=content["summary_of_changes"],
                body=content["body"],
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        ctx.created_urls.append((page.url, None))
        _translate(page, content["ja"], ctx)
    # The demo people agreed when they joined: nobody is stopped at sign-in by the demo.
    policies = current_policies()
    for user in get_user_model().objects.filter(is_active=True):
        consent_record(user=user, policies=policies, language=user.preferred_language)
    ctx.say(f"Policies: terms of use and privacy notice in English and Japanese; {len(policies)} consented by all.")
