"""Japanese versions of the demo's public pages, made the way an editor makes them.

Each English page gets a real Japanese translation (``copy_for_translation``, or the
synchronised tree's alias converted into a page), with Japanese content, published.
Records stay on the English pages: seminar sessions are never copied, and quizzes keep
the original's questions and answers so the English lesson grades them.

Idempotent: a page that already has a live Japanese translation is left as it is.
"""

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

from courses.demo import INSTRUCTORS
from courses.demo_courses import COURSES
from courses.demo_ja import (
    COURSES_JA,
    INSTRUCTOR_AFFILIATIONS_JA,
    MATERIAL_TITLES_JA,
    SEMINAR_MATERIALS_NOTE_JA,
    SEMINARS_JA,
    SPEAKER_AFFILIATIONS_JA,
    WORKSHEET_JA,
)
from courses.factories import translated_quiz
from courses.models import CourseIndexPage, CoursePage, LessonPage, SeminarIndexPage, SeminarPage
from home.models import StandardPage
from lms.demo import DemoContext
from lms.sanitizer import sanitize_html
from placements.models import PlacementReportIndexPage, PlacementReportPage
from studygroups.models import StudyGroupReportIndexPage, StudyGroupReportPage

HOME_JA = {
    "title": "NGO能力強化支援",
    "intro": "国際協力に取り組む日本のNGOのために、研修、相談、研究会、専門家派遣を通じて"
    "組織力の強化を支援しています。",
    "body": [
        ("heading", {"text": "NGOを支える4つの取り組み", "level": "h2"}),
        (
            "paragraph",
            "<p>本事業では、NGOの組織運営に関する<b>セミナー</b>、地域事務所で皆さまのご相談にお答えする"
            "<b>NGO相談員</b>、1年間かけてテーマを調査する<b>NGO研究会</b>、そして受け入れ団体に5か月間滞在して"
            "組織を強化する<b>NGO専門調査員の派遣</b>を実施しています。</p>",
        ),
        (
            "call_to_action",
            {
                "title": "まずは無料のコースから",
                "text": "ガバナンス、会計、プロジェクト管理を学べる自習型コースです。"
                "通信環境が不安定でも受講できます。",
                "page": None,
                "url": "/ja/courses/",  # linked to the catalogue page by _link_call_to_action
                "button_label": "コース一覧を見る",
            },
        ),
    ],
}
ABOUT_JA = {
    "title": "事業について",
    "intro": "「NGO能力強化支援事業」は、省のNGO協力担当課が実施しています。",
    "body": [
        (
            "paragraph",
            "<p>本事業には4つの取り組みがあり、会計年度(4月〜翌年3月)を通じて各団体の成長を記録しています。</p>",
        )
    ],
}
COURSE_INDEX_JA = {
    "title": "コース",
    "intro": "NGOの運営について学べる自習型コースです。通信環境が不安定でも受講しやすいよう作られています。"
    "会員NGOの職員は無料で受講できます。",
}
SEMINAR_INDEX_JA = {
    "title": "セミナー",
    "intro": "NGOの組織運営に関する研修を、全国各地の会場とオンラインで開催しています。"
    "会員NGOは参加無料で、お申し込み順に席が確定します。",
}
STUDY_GROUP_INDEX_JA = {
    "title": "NGO研究会の報告書",
    "intro": "NGO研究会が公表した報告書と提言です。研究会は会計年度ごとに1つのテーマに取り組みます。",
}
# English title of the report page -> Japanese fields.
STUDY_GROUP_REPORTS_JA = {
    "Monitoring and evaluation for small NGOs: a practical guide": {
        "title": "小規模NGOのためのモニタリング・評価:実践ガイド",
        "intro": "小規模NGO6団体が、続けられるモニタリングについて学んだことをまとめました。",
        "body": [
            ("heading", {"text": "試したこと", "level": "h2"}),
            ("paragraph", "<p>6団体が10の指標を6か月間使ってみました。</p>"),
            ("heading", {"text": "うまくいったこと", "level": "h2"}),
            (
                "paragraph",
                "<p>すべての団体が使い続けた指標は3つでした。受益者数、参加者1人あたりの費用、"
                "そしてフォローアップ率です。</p>",
            ),
        ],
        "recommendations": "<ol><li>指標は5つまでに絞りましょう。</li><li>モニタリングのために毎月1日を"
        "予算に組み込みましょう。</li><li>結果を参加者と共有しましょう。</li></ol>",
    }
}
PLACEMENT_INDEX_JA = {
    "title": "NGO専門調査員の報告書",
    "intro": "NGO専門調査員が派遣の終わりにまとめた、調査結果と提言です。",
}
PLACEMENT_REPORTS_JA = {
    "Diversifying income at Minato Water Partners": {
        "title": "みなと水パートナーズの収入源の多様化",
        "summary": "ファンドレイジングに取り組んだ6か月間の報告です。毎月の寄付プログラム、協力企業への報告、"
        "再利用できる申請書の文例をまとめました。",
        "host_overview": "<p>みなと水パートナーズは、カンボジアのコンポンチャムとラオスのサバナケットで"
        "村の水管理委員会を支援しています。職員は東京に12名、現地に20名です。</p>",
        "researcher_profile": "<p>エマ・クラークは国際NGOで15年間ファンドレイジングに携わり、"
        "2015年から日本のNGOを支援しています。</p>",
        "period": "<p>6月から11月までの6か月間で、現地訪問を2回行いました。</p>",
        "purpose_background": "<p>収入のほぼすべてが2件の政府助成金によるものでした。大きいほうの助成が終わる前に"
        "資金源を多様化する計画をつくるよう、理事会から求められていました。</p>",
        "findings": "<ul><li>個人寄付者に、初回の寄付の後で再び寄付をお願いしたことがありませんでした。</li>"
        "<li>協力企業は現地からの報告を重視していましたが、一度も受け取っていませんでした。</li>"
        "<li>助成金の申請書を毎回一から書いていました。</li></ul>",
        "recommendations": "<ol><li>お礼の手順を決めたうえで、毎月の寄付プログラムを始めましょう。</li>"
        "<li>協力企業に年2回、短い現地報告を送りましょう。</li>"
        "<li>再利用できる申請書の文例集をつくりましょう。</li></ol>",
    }
}
PLACEMENT_SECTIONS = ("host_overview", "researcher_profile", "period", "purpose_background", "findings")


def _japanese() -> Locale:
    locale, _created = Locale.objects.get_or_create(language_code="ja")
    return locale


def translate(page: Page, fields: dict, *, ctx: DemoContext, children=None) -> Page:
    """The page's live Japanese translation, made and published once.

    An alias from the synchronised tree is converted into a page (as the admin's "convert to
    ordinary page" does), so its aliased children stay where they are. ``children`` gets the
    translation to adjust its inline objects (instructors, speakers) before publishing.
    """
    locale = _japanese()
    page = page.specific
    existing = page.get_translation_or_none(locale)
    if existing is not None and not existing.alias_of_id and existing.live:
        ctx.created_urls.append((existing.url, None))
        return existing.specific
    if existing is None:
        translation = page.copy_for_translation(locale, copy_parents=True, alias=False)
    else:
        translation = existing.specific
        if translation.alias_of_id:
            ConvertAliasPageAction(translation).execute(skip_permission_checks=True)
            translation = Page.objects.get(pk=translation.pk).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    if children is not None:
        children(translation)
    translation.save_revision().publish()
    translation = Page.objects.get(pk=translation.pk).specific
    ctx.created_urls.append((translation.url, None))
    return translation


def _lesson_body(text: str, tip: str, number: int) -> list:
    """The Japanese counterpart of ``courses.demo._lesson_body``."""
    body = [("paragraph", f"<p>{text}</p>"), ("callout", {"kind": "tip", "text": f"<p>{tip}</p>"})]
    if number % 2 == 0:
        body.append(
            (
                "worksheet",
                {
                    "title": WORKSHEET_JA["title"],
                    "instructions": WORKSHEET_JA["instructions"],
                    "prompts": [tip, WORKSHEET_JA["last_prompt"]],
                },
            )
        )
    return body


def _translate_courses(ctx: DemoContext, home) -> None:
    index = CourseIndexPage.objects.child_of(home).filter(slug="courses").first()
    if index is None:
        return
    translate(index, COURSE_INDEX_JA, ctx=ctx)
    assert {name for name, _affiliation in INSTRUCTORS} <= set(INSTRUCTOR_AFFILIATIONS_JA)
    for spec in COURSES:
        slug = spec[0]
        course = CoursePage.objects.child_of(index).filter(slug=slug).first()
        if course is None:
            continue
        title, summary, lessons_ja, quiz_ja = COURSES_JA[slug]
        outcomes = "<ul>" + "".join(f"<li>{lesson[0]}</li>" for lesson in lessons_ja) + "</ul>"

        def adjust(translation):
            people = list(translation.instructors.all())
            for person in people:
                person.affiliation = INSTRUCTOR_AFFILIATIONS_JA.get(person.name, person.affiliation)
            translation.instructors = people

        translated_course = translate(
            course, {"title": title, "summary": summary, "learning_outcomes": outcomes}, ctx=ctx, children=adjust
        )
        lessons = list(LessonPage.objects.child_of(course).order_by("path"))
        for number, (lesson, (lesson_title, text, tip)) in enumerate(zip(lessons, lessons_ja, strict=True)):
            fields = {"title": lesson_title, "body": _lesson_body(text, tip, number)}
            if lesson.has_quiz:
                fields["quiz"] = translated_quiz(lesson, quiz_ja)
            translate(lesson, fields, ctx=ctx)
        ctx.created_urls.append((translated_course.url, "learner"))


def _translate_seminars(ctx: DemoContext, home) -> None:
    index = SeminarIndexPage.objects.child_of(home).filter(slug="seminars").first()
    if index is None:
        return
    translate(index, SEMINAR_INDEX_JA, ctx=ctx)
    for seminar in SeminarPage.objects.child_of(index).filter(slug__in=SEMINARS_JA).order_by("path"):
        title, summary, audience = SEMINARS_JA[seminar.slug]
        body = [("paragraph", f"<p>{summary}</p><p>{SEMINAR_MATERIALS_NOTE_JA}</p>")]

        def adjust(translation):
            people = list(translation.speakers.all())
            for person in people:
                person.affiliation = SPEAKER_AFFILIATIONS_JA.get(person.name, person.affiliation)
            translation.speakers = people
            materials = list(translation.materials.all())
            for material in materials:
                material.title = MATERIAL_TITLES_JA.get(material.title, material.title)
            translation.materials = materials

        translated = translate(
            seminar, {"title": title, "summary": summary, "audience": audience, "body": body}, ctx=ctx, children=adjust
        )
        ctx.created_urls += [(translated.url, "learner"), (translated.url, "manager")]


def _translate_reports(ctx: DemoContext, home) -> None:
    index = StudyGroupReportIndexPage.objects.child_of(home).first()
    if index is not None:
        translate(index, STUDY_GROUP_INDEX_JA, ctx=ctx)
        for report in StudyGroupReportPage.objects.child_of(index).live().filter(title__in=STUDY_GROUP_REPORTS_JA):
            translate(report, STUDY_GROUP_REPORTS_JA[report.title], ctx=ctx)
    index = PlacementReportIndexPage.objects.child_of(home).first()
    if index is not None:
        translate(index, PLACEMENT_INDEX_JA, ctx=ctx)
        for report in PlacementReportPage.objects.child_of(index).live().filter(title__in=PLACEMENT_REPORTS_JA):
            fields = dict(PLACEMENT_REPORTS_JA[report.title])
            for name in (*PLACEMENT_SECTIONS, "recommendations"):
                fields[name] = str(sanitize_html(fields[name]))
            translate(report, fields, ctx=ctx)


def _link_call_to_action(home) -> None:
    """The home pages' "Browse courses" buttons link to the catalogue page, not to a fixed address, so they
    work on any host and in each language (the home loader runs before the catalogue exists)."""
    index = CourseIndexPage.objects.child_of(home).filter(slug="courses").first()
    if index is None:
        return
    japanese = home.get_translation_or_none(_japanese())
    pairs = [(home.specific, index)]
    if japanese is not None:
        pairs.append((japanese.specific, index.get_translation_or_none(_japanese()) or index))
    for page, target in pairs:
        body, changed = [], False
        for block in page.body:
            value = block.value
            if block.block_type == "call_to_action" and value.get("url"):
                value = dict(value, page=target, url="")
                changed = True
            body.append((block.block_type, value))
        if changed:
            page.body = body
            page.save_revision().publish()


def load(ctx: DemoContext) -> None:
    home = ctx.home_page
    if home is None:
        return
    translate(home, HOME_JA, ctx=ctx)
    about = StandardPage.objects.child_of(home).filter(slug="about").first()
    if about is not None:
        translate(about, ABOUT_JA, ctx=ctx)
    _translate_courses(ctx, home)
    _translate_seminars(ctx, home)
    _translate_reports(ctx, home)
    _link_call_to_action(home)
    pages = Page.objects.filter(locale=_japanese(), alias_of__isnull=True).count()
    ctx.say(f"Japanese: {pages} pages translated (home, about, courses and lessons, seminars, reports).")
