"""The Wagtail admin works under the site's security headers, in English and Japanese.

Every admin page here is watched for Content-Security-Policy violations, both ways the browser
reports them: the ``securitypolicyviolation`` event (a listener installed before the admin's own
scripts run) and the console. The widgets the issue found dead are clicked for real: inline panels'
Add buttons, the date-time picker, the page, document, image and snippet choosers, StreamField's
block menu, the preview panel, moderation, and scheduled publishing through the status panel.
"""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.users.models import UserProfile

from courses.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    SeminarIndexPageFactory,
    SeminarPageFactory,
)
from courses.models import SeminarPage, SeminarRegistration
from organizations.factories import MembershipFactory, UserFactory
from organizations.models import ProgrammeRole, Region
from placements.models import PlacementReportIndexPage
from studygroups.models import StudyGroupReportIndexPage, StudyGroupReportPage

from .conftest import add_session, browser_test

pytestmark = browser_test

LISTEN = """
window.__csp = window.__csp || [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
});
"""
SLOW = 30_000  # the admin's pages are heavy; CI machines are shared


class CSPWatch:
    """Collects CSP violations from every page of a browser context, across navigations."""

    def __init__(self, context):
        self.found: list[str] = []
        context.add_init_script(LISTEN)
        context.on("page", self._watch)
        context.set_default_timeout(SLOW)

    def _watch(self, page):
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.found.append(message.text)

    def check(self, page, where: str) -> None:
        page.wait_for_load_state("load")
        reported = []
        for frame in page.frames:
            try:
                reported += frame.evaluate("() => window.__csp || []")
            except Exception:  # noqa: BLE001, S112 - a frame that went away has nothing more to say
                continue
        problems = sorted(set(self.found + reported))
        assert not problems, f"CSP violations on {where}:\n" + "\n".join(problems)


@pytest.fixture
def tree(home_page):
    courses = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=courses, title="Project cycle management")
    lesson = LessonPageFactory(parent=course, title="Logical frameworks")
    seminars = SeminarIndexPageFactory(parent=home_page, title="Seminars", slug="seminars")
    Document.objects.create(title="Accounting handout", file=ContentFile(b"%PDF-1.4 handout", name="handout.pdf"))
    Region.objects.get_or_create(name="Kanto", defaults={"slug": "kanto"})
    reports = home_page.add_child(instance=StudyGroupReportIndexPage(title="Study group reports", slug="reports"))
    placements = home_page.add_child(instance=PlacementReportIndexPage(title="Researcher reports", slug="research"))
    return {
        "home": home_page,
        "courses": courses,
        "course": course,
        "lesson": lesson,
        "seminars": seminars,
        "reports": reports,
        "placements": placements,
    }


def editor_with_language(language: str, role: str = ProgrammeRole.EDITORS):
    editor = UserFactory(email=f"{role.lower()}-{language}@example.org", groups=[role])
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    return editor


def leave_the_editor(page) -> None:
    """Close the editing session within the test: the release request it sends on leaving must not
    reach the live server while the database is flushed after the test."""
    page.goto("/admin/")
    page.wait_for_load_state("networkidle")


def in_language(language: str, message: str) -> str:
    """The admin's own words as the person reads them (Wagtail's catalogue, or ours where it has none)."""
    with translation.override(language):
        return gettext(message)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_page_type_editors_use_opens_without_csp_violation(contexts, live_server, tree, language):
    context = contexts()
    watch = CSPWatch(context)
    add_session(context, live_server, editor_with_language(language))
    page = context.new_page()
    adds = {
        "home.standardpage": tree["home"],
        "courses.coursepage": tree["courses"],
        "courses.lessonpage": tree["course"],
        "courses.seminarpage": tree["seminars"],
        "studygroups.studygroupreportpage": tree["reports"],
        "placements.placementreportpage": tree["placements"],
    }
    for model, parent in adds.items():
        app, name = model.split(".")
        page.goto(f"/admin/pages/add/{app}/{name}/{parent.pk}/")
        expect(page.locator("form#page-edit-form")).to_be_visible()
        watch.check(page, f"add {model} ({language})")
    for existing in (tree["course"], tree["lesson"], tree["home"], tree["reports"], tree["placements"]):
        page.goto(f"/admin/pages/{existing.pk}/edit/")
        expect(page.locator("form#page-edit-form")).to_be_visible()
        watch.check(page, f"edit {existing.specific_class.__name__} ({language})")

    # The course form: image chooser, StreamField block menu, an inline panel, the preview panel.
    page.goto(f"/admin/pages/add/courses/coursepage/{tree['courses'].pk}/")
    page.locator("#id_cover_image-chooser [data-chooser-action-choose]").first.click()
    expect(page.locator(".modal")).to_be_visible()
    page.locator(".modal button.close").click()
    expect(page.locator(".modal")).to_be_hidden()
    page.locator(".c-sf-add-button").first.click()
    expect(page.locator(".w-combobox").first).to_be_visible()
    page.keyboard.press("Escape")
    page.locator("#id_instructors-ADD").click()
    expect(page.locator("#id_instructors-0-name")).to_be_visible()
    page.locator("#id_title").fill("Preview me")
    page.locator("[data-side-panel-toggle='preview']").click()
    expect(page.locator("#w-preview-iframe")).to_be_visible()
    watch.check(page, f"course widgets ({language})")
    leave_the_editor(page)


def test_editor_builds_a_seminar_moderator_publishes_learners_register(contexts, live_server, tree, mailoutbox):
    editor = editor_with_language("en")
    moderator = UserFactory(groups=[ProgrammeRole.MODERATORS])
    context = contexts()
    watch = CSPWatch(context)
    add_session(context, live_server, editor)
    page = context.new_page()
    page.goto(f"/admin/pages/add/courses/seminarpage/{tree['seminars'].pk}/")
    page.locator("#id_title").fill("Accounting for small NGOs")
    page.locator("#id_summary").fill("Bookkeeping, budgets and audits for NGOs with a small team.")

    # The snippet chooser (region).
    page.locator("#id_region-chooser [data-chooser-action-choose]").first.click()
    page.locator(".modal").get_by_role("link", name="Kanto").click()
    expect(page.locator(".modal")).to_be_hidden()

    # Two sessions: the first form is there (at least one is required), the second comes from Add.
    start = timezone.localtime() + timedelta(days=30)
    page.locator("#id_sessions-0-title").fill("Day 1: bookkeeping")
    page.locator("#id_sessions-0-starts_at").click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_be_visible()  # the date-time picker opens
    picker.locator(".xdsoft_date:not(.xdsoft_disabled)").first.click()
    assert page.locator("#id_sessions-0-starts_at").input_value(), "the picker fills the field"
    page.keyboard.press("Escape")
    fmt = "%Y-%m-%d %H:%M"
    for number, day in ((0, 0), (1, 7)):
        begins = (start + timedelta(days=day)).replace(hour=10, minute=0)
        if number == 1:
            page.locator("#id_sessions-ADD").click()
            page.locator("#id_sessions-1-title").fill("Day 2: audits")
        page.locator(f"#id_sessions-{number}-starts_at").fill(begins.strftime(fmt))
        page.locator(f"#id_sessions-{number}-ends_at").fill((begins + timedelta(hours=3)).strftime(fmt))
        page.locator(f"#id_sessions-{number}-venue").fill("JICA Ichigaya")
        page.locator(f"#id_sessions-{number}-capacity").fill("20")

    # A speaker and a material (the document chooser).
    page.locator("#id_speakers-ADD").click()
    page.locator("#id_speakers-0-name").fill("Keiko Mori")
    page.locator("#id_speakers-0-affiliation").fill("Japan NGO Center for International Cooperation")
    page.locator("#id_materials-ADD").click()
    page.locator("#id_materials-0-document-chooser [data-chooser-action-choose]").click()
    page.locator(".modal").get_by_role("link", name="Accounting handout").click()
    expect(page.locator(".modal")).to_be_hidden()
    page.locator("#id_materials-0-title").fill("Handout")
    watch.check(page, "seminar form")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Moderators approval")).click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    watch.check(page, "after submitting")

    seminar = SeminarPage.objects.get(title="Accounting for small NGOs", locale__language_code="en")
    assert not seminar.live
    assert seminar.current_workflow_state.status == "in_progress"
    revision = seminar.latest_revision.as_object()
    assert [s.title for s in revision.sessions.all()] == ["Day 1: bookkeeping", "Day 2: audits"]

    moderator_context = contexts()
    moderator_watch = CSPWatch(moderator_context)
    add_session(moderator_context, live_server, moderator)
    moderator_page = moderator_context.new_page()
    moderator_page.goto(f"/admin/pages/{seminar.pk}/edit/")
    moderator_page.get_by_role("button", name="More actions").click()
    moderator_page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator_page.locator(".messages")).to_contain_text("has been updated")
    moderator_watch.check(moderator_page, "moderator's edit page")
    leave_the_editor(moderator_page)
    leave_the_editor(page)

    seminar = Page.objects.get(pk=seminar.pk).specific
    assert seminar.live
    sessions = list(seminar.sessions.order_by("starts_at"))
    assert len(sessions) == 2 and seminar.speakers.count() == 1 and seminar.materials.count() == 1

    for _ in range(2):
        learner = MembershipFactory().user
        learner_context = contexts()
        learner_context.set_default_timeout(SLOW)
        add_session(learner_context, live_server, learner)
        learner_page = learner_context.new_page()
        for session in sessions:
            learner_page.goto(seminar.url)
            learner_page.locator(
                f"form[action$='/seminar-sessions/{session.pk}/register/'] button[type=submit]"
            ).click()
            expect(learner_page.get_by_role("main")).to_contain_text("You have a seat")
        confirmed = SeminarRegistration.objects.filter(user=learner, status=SeminarRegistration.Status.CONFIRMED)
        assert confirmed.count() == 2


@pytest.mark.parametrize("language", ["en", "ja"])
def test_page_chooser_picks_a_symposium_page(contexts, live_server, tree, language):
    """The study group report's symposium is a PageChooserPanel: the modal browses the tree and picks."""
    symposium = SeminarPageFactory(parent=tree["seminars"], title="Symposium on study group findings")
    report = tree["reports"].add_child(instance=StudyGroupReportPage(title="Fundraising in rural areas"))
    context = contexts()
    watch = CSPWatch(context)
    add_session(context, live_server, editor_with_language(language))
    page = context.new_page()
    page.goto(f"/admin/pages/{report.pk}/edit/")
    chooser = page.locator("#id_symposium_page-chooser")
    expect(chooser).to_have_class(re.compile(r"\bblank\b"))
    chooser.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal")
    expect(modal.locator("table.listing")).to_be_visible()
    watch.check(page, f"page chooser ({language})")

    # It opens at the root; browse into the home, then the seminars, and pick the symposium.
    for parent in (tree["home"], tree["seminars"]):
        row = modal.locator("tr", has=page.locator(f"a.choose-page[data-id='{parent.pk}']"))
        row.locator("a.navigate-pages").click()
    modal.locator(f"a.choose-page[data-id='{symposium.pk}']").click()
    expect(modal).to_be_hidden()
    expect(chooser).not_to_have_class(re.compile(r"\bblank\b"))
    expect(chooser.locator("[data-chooser-title]")).to_have_text(symposium.title)
    assert page.locator("#id_symposium_page").input_value() == str(symposium.pk)
    watch.check(page, f"after choosing a page ({language})")

    page.get_by_role("button", name=in_language(language, "Save draft")).click()
    expect(page.locator(".messages")).to_contain_text(report.title)
    expect(page.locator("#id_symposium_page-chooser [data-chooser-title]")).to_have_text(symposium.title)
    saved = Page.objects.get(pk=report.pk).specific.latest_revision.as_object()
    assert saved.symposium_page_id == symposium.pk
    watch.check(page, f"report saved with its symposium ({language})")
    leave_the_editor(page)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_moderator_schedules_a_page_to_go_live(contexts, live_server, tree, language):
    """The status panel's schedule dialog, its date-time picker and "Schedule to publish", for real."""
    course = CoursePageFactory(parent=tree["courses"], title="Fundraising basics", live=False)
    context = contexts()
    watch = CSPWatch(context)
    add_session(context, live_server, editor_with_language(language, ProgrammeRole.MODERATORS))
    page = context.new_page()
    page.goto(f"/admin/pages/{course.pk}/edit/")
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()

    # The real picker: next month, the 15th, a time.
    dialog.locator("#id_go_live_at").click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_be_visible()
    picker.locator(".xdsoft_next").first.click()
    picker.locator(".xdsoft_date[data-date='15']:not(.xdsoft_other_month)").click()
    # The time list opens scrolled to the current time, and the dialog's title can cover part of it, so take
    # a time a person could click at this moment: the first whose middle is not covered.
    hour, minute = picker.evaluate(
        """picker => {
            for (const time of picker.querySelectorAll('.xdsoft_time')) {
                const box = time.getBoundingClientRect();
                const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
                if (box.height && (top === time || time.contains(top))) return [time.dataset.hour, time.dataset.minute];
            }
            return [null, null];
        }"""
    )
    assert hour is not None, "no time in the picker can be clicked"
    picker.locator(f".xdsoft_time[data-hour='{hour}'][data-minute='{minute}']").click()
    chosen = dialog.locator("#id_go_live_at").input_value()
    today = timezone.localdate()
    month = (today.replace(day=1) + timedelta(days=32)).replace(day=15)
    assert chosen == f"{month:%Y-%m-%d} {int(hour):02d}:{int(minute):02d}", chosen
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)  # choosing the time closes it
    expect(dialog).to_be_visible()
    watch.check(page, f"schedule dialog ({language})")

    dialog.get_by_role("button", name=in_language(language, "Save schedule")).click()
    expect(page.locator(".messages")).to_contain_text(course.title)
    page.locator("[data-side-panel-toggle='status']").click()
    status = page.locator("[data-side-panel='status']")
    expect(status).to_contain_text(in_language(language, "Once scheduled:"))

    page.get_by_role("button", name=in_language(language, "More actions")).click()
    page.get_by_role("button", name=in_language(language, "Schedule to publish")).click()
    scheduled = in_language(language, "Page '%(page_title)s' has been scheduled for publishing.")
    expect(page.locator(".messages")).to_contain_text(scheduled % {"page_title": course.title})
    listed = page.locator("tr", has=page.get_by_role("link", name=course.title, exact=True))
    expect(listed).to_contain_text(in_language(language, "scheduled"))
    watch.check(page, f"after scheduling ({language})")

    go_live = Page.objects.get(pk=course.pk)
    assert not go_live.live
    assert timezone.localtime(go_live.go_live_at).strftime("%Y-%m-%d %H:%M") == chosen
    assert go_live.get_latest_revision().approved_go_live_at == go_live.go_live_at
    assert go_live.scheduled_revision is not None

    page.goto(f"/admin/pages/{course.pk}/edit/")
    page.locator("[data-side-panel-toggle='status']").click()
    expect(status).to_contain_text(in_language(language, "Go-live:"))
    expect(status).not_to_contain_text(in_language(language, "Once scheduled:"))
    watch.check(page, f"scheduled page's status ({language})")
    leave_the_editor(page)
