"""Journey: a new visitor switches to Japanese and never meets an English string.

On the demo site, the visitor chooses 日本語 on the home page, signs up, verifies their email,
joins a demo NGO as a manager (invited by its manager), enrolls in a course and completes a
lesson, registers for a seminar session, books an advisor and opens the organization's progress
dashboard. Every page on the way is read as a person (and a screen reader) would read it: its
visible text and the text in ``title``, ``aria-label``, ``placeholder``, ``alt`` and button values.
Any run of Latin letters that is not a proper name, an address or an allowed abbreviation is
reported with the page it was on; the emails the journey sends must be Japanese too. Every page
is also audited with axe.

Findings are collected over the whole journey and reported together at the end, so one run lists
every English string on every page rather than stopping at the first. Content counts as much as
the interface: course, lesson and seminar pages, capacity areas and regions pass once the demo
data carries their Japanese translations; nothing of it is allowlisted here.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import add_session, browser_test, format_violations, mail_links, run_axe

pytestmark = browser_test

PASSWORD = "ながい-Passphrase-2024"
EMAIL = "aoi.hayashi@example.org"

# What a Japanese page may still show in Latin letters, and why.
ALLOWED_WORDS = {
    "NGO",  # the programme's own term, written this way in Japanese
    "NPO",  # 特定非営利活動法人 is written NPO法人
    "PDF",  # file formats, named as Japanese software names them
    "CSV",
    "ICS",
    "TXT",
    "XLSX",
    "Excel",  # product names, as Japanese software menus write them
    "Word",
    "PowerPoint",
    "Google",  # calendar apps, named as their Japanese versions name them (Google カレンダー)
    "Outlook",
    "Apple",
    "iPhone",
    "iPad",
    "Mac",
    "Web",  # Web版: Japanese writes the web version of an app this way
    "ics",  # the calendar file's extension, as written after a dot (.ics)
    "PCM",  # Project Cycle Management: Japanese NGOs and JICA call the method PCM手法
    "PDM",  # Project Design Matrix, the PCM logframe, written PDM in Japanese
    "ODA",  # 政府開発援助 is written ODA in Japanese
    "JICA",  # the agency's own name in Japanese (国際協力機構, JICA)
    "UTC",  # 協定世界時 is written with UTC, as Japanese time zone lists do
}
NOT_WORDS = [
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # email addresses
    re.compile(r"https?://\S+"),  # links written out
    re.compile(r"\blocalhost:\d+"),  # the site's name in emails, which is its host in tests
    # IANA time zone names (Asia/Tokyo, America/Argentina/Buenos_Aires, US/Alaska, Etc/GMT0), as the
    # profile and the sign-up form's time zone list show them
    re.compile(r"\b[A-Z][A-Za-z]+(?:/[A-Za-z0-9_+-]+)+"),
    re.compile(r"\b[A-Z0-9]{4,}(?:-[A-Z0-9]{4,})+\b"),  # certificate and course codes
]
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")

# Text an element declares to be in another language (the switcher offers "English" in English)
# is meant to be read in that language.
VISIBLE_TEXT = """() => {
  const foreign = [...document.body.querySelectorAll('[lang]:not([lang|=ja])')].map((el) => el.innerText.trim());
  const lines = document.body.innerText.split('\\n').filter((line) => !foreign.includes(line.trim()));
  const parts = [document.title, ...lines];
  for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
    for (const el of document.body.querySelectorAll(`[${attr}]`)) parts.push(el.getAttribute(attr));
  }
  for (const el of document.querySelectorAll('input[type=submit], input[type=button], input[type=reset]')) {
    parts.push(el.value);
  }
  return parts.join('\\n');
}"""


def proper_names(*extra: str) -> re.Pattern:
    """Names, places and people's own words in the database, written in Latin letters on purpose.

    People and organizations are named as they write their names, and so are the instructors and
    speakers on course and seminar pages. A seminar session's venue and address are place names.
    An advisor who does not read Japanese writes their headline, biography and office in their own
    language: that is their text, shown as they wrote it. Nothing here is page content, interface
    text, vocabulary or a title.
    """
    from advisors.models import AdvisorProfile
    from courses.models import CourseInstructor, SeminarSession, SeminarSpeaker
    from organizations.models import Organization, User

    names = set(Organization.objects.values_list("name", flat=True)) | set(extra)
    for first, last, display in User.objects.values_list("first_name", "last_name", "display_name"):
        names |= {first, last, display}
    names |= set(CourseInstructor.objects.values_list("name", flat=True))
    names |= set(SeminarSpeaker.objects.values_list("name", flat=True))
    for venue, address in SeminarSession.objects.values_list("venue", "address"):
        names |= {venue, address}
    own_words = AdvisorProfile.objects.exclude(user__preferred_language="ja")
    for headline, bio, office in own_words.values_list("headline", "bio", "office"):
        names |= {headline, bio, office}
    names = sorted((name for name in names if name), key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, names)) + r")(?![A-Za-z])")


def english_in(text: str, names: re.Pattern) -> list[str]:
    """The Latin-letter words left in a text once names, addresses and allowed words are taken out."""
    for pattern in NOT_WORDS:
        text = pattern.sub(" ", text)
    text = names.sub(" ", text)
    found = []
    for line in text.splitlines():
        words = [word for word in LATIN_WORD.findall(line) if word not in ALLOWED_WORDS]
        if words:
            found.append(line.strip()[:160])
    return found


class Audit:
    """What the journey found: English lines and axe violations, per page."""

    def __init__(self):
        self.english: dict[str, list[str]] = {}
        self.violations: dict[str, str] = {}
        self.pages: list[str] = []
        self.names = re.compile(r"(?!)")

    def check(self, page, label: str) -> None:
        page.wait_for_load_state("load")
        url = page.url
        self.pages.append(f"{label}: {url}")
        assert "/ja/" in url or url.endswith("/ja"), f"{label} left Japanese: {url}"
        assert page.locator("html").get_attribute("lang") == "ja", f"{label} is not marked lang=ja: {url}"
        lines = english_in(page.evaluate(VISIBLE_TEXT), self.names)
        if lines:
            self.english[f"{label} ({url})"] = lines
        violations = run_axe(page)
        if violations:
            self.violations[f"{label} ({url})"] = format_violations(violations)

    def check_email(self, message, label: str) -> None:
        text = "\n".join([message.subject, message.body])
        lines = english_in(text, self.names)
        if lines:
            self.english[f"email: {label} ({message.subject})"] = lines

    def report(self) -> str:
        out = ["Pages visited:", *(f"  {p}" for p in self.pages)]
        if self.english:
            out.append("English strings found:")
            for where, lines in self.english.items():
                out.append(f"--- {where}")
                out.extend(f"    {line}" for line in lines)
        if self.violations:
            out.append("axe violations:")
            for where, text in self.violations.items():
                out.append(f"--- {where}\n{text}")
        return "\n".join(out)


def _open_course():
    from courses.models import CoursePage

    for course in CoursePage.objects.live().public().filter(locale__language_code="en").order_by("title"):
        if course.enrollment_mode != "approval" and not course.prerequisites.exists() and course.get_children().live():
            return course
    raise AssertionError("the demo has no open course without prerequisites")


def _in_japanese(page):
    """The page's Japanese translation once editors have made one, the page itself until then."""
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code="ja").first()
    return (page.get_translation_or_none(locale) if locale else None) or page


def _open_session():
    from courses.selectors import sessions_with_counts

    for session in sessions_with_counts().filter(
        starts_at__gt=timezone.now() + timedelta(days=1), is_cancelled=False, seminar__live=True
    ):
        if session.capacity is None or session.confirmed_count < session.capacity:
            return session
    raise AssertionError("the demo has no upcoming seminar session with a free seat")


@pytest.fixture
def audit():
    """The findings so far, printed even when a step of the journey fails."""
    audit = Audit()
    yield audit
    print(audit.report())


def test_a_new_visitor_goes_through_the_site_in_japanese(contexts, live_server, mailoutbox, home_page, audit):
    from advisors.models import AdvisorProfile, Consultation
    from courses.models import Enrollment, SeminarRegistration
    from home.management.commands.load_demo_data import run_loaders
    from organizations.models import Membership, User

    demo = run_loaders()
    organization = demo.users["manager"].memberships.get(role=Membership.Role.MANAGER).organization
    audit.names = proper_names()
    page = contexts().new_page()

    # The home page, in English until the visitor chooses Japanese with the switcher.
    page.goto("/")
    page.get_by_role("combobox", name="Language").select_option("ja")
    page.locator("form.language-switcher button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ja/$"))
    audit.check(page, "home")

    # Sign up, in Japanese.
    page.get_by_role("navigation", name="アカウント").get_by_role("link", name="利用登録").click()
    audit.check(page, "sign up")
    # A mistake first: the form's errors are Japanese too.
    page.locator("main input[name=email]").fill(EMAIL)
    page.locator("main input[name=last_name]").fill("林")
    page.locator("main input[name=first_name]").fill("葵")
    for box in page.locator("main form input[type=checkbox][required]").all():
        box.check()
    page.locator("main input[name=password1]").fill(PASSWORD)
    page.locator("main input[name=password2]").fill(PASSWORD + "x")
    page.locator("main button[type=submit]").click()
    expect(page.locator("main [role=alert]").first).to_be_visible()
    audit.check(page, "sign up with a mistake")
    page.locator("main input[name=email]").fill(EMAIL)
    page.locator("main input[name=password1]").fill(PASSWORD)
    page.locator("main input[name=password2]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ja/accounts/confirm-email/"))
    audit.check(page, "verification sent")
    user = User.objects.get(email=EMAIL)
    assert user.preferred_language == "ja"
    audit.names = proper_names(EMAIL.split("@")[0])  # the new person's name until they give one

    verification = mailoutbox[-1]
    assert verification.to == [EMAIL]
    audit.check_email(verification, "email verification")
    confirm_path = next(link for link in mail_links(verification) if "/accounts/confirm-email/" in link)
    page.goto(confirm_path)
    audit.check(page, "confirm email")
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("navigation", name="アカウント").get_by_role("button", name="ログアウト")).to_be_visible()
    audit.check(page, "signed in")

    # The NGO's manager (a Japanese speaker) invites the new colleague as a manager.
    manager_context = contexts()
    add_session(manager_context, live_server, demo.users["manager"])
    manager_page = manager_context.new_page()
    manager_page.goto(f"/ja/organizations/{organization.slug}/members/")
    audit.check(manager_page, "members (manager)")
    manager_page.locator("#id_email").fill(EMAIL)
    manager_page.locator("#id_role").select_option("manager")
    manager_page.locator("#id_email").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    expect(manager_page.get_by_role("status")).to_contain_text(EMAIL)
    audit.check(manager_page, "invitation sent (manager)")

    invitation = next(message for message in mailoutbox if message.to == [EMAIL] and message is not verification)
    audit.check_email(invitation, "invitation")
    page.goto(next(link for link in mail_links(invitation) if "/organizations/invitations/" in link))
    audit.check(page, "invitation")
    page.locator("main button[type=submit]").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(organization.name)
    audit.check(page, "organization")
    assert Membership.objects.filter(user=user, organization=organization, role=Membership.Role.MANAGER).exists()

    # A course: the catalogue, the course, enrolling, the first lesson completed.
    course = _open_course()
    page.get_by_role("navigation", name="メイン").get_by_role("link", name="コース").click()
    audit.check(page, "course catalogue")
    page.get_by_role("main").get_by_role("link", name=_in_japanese(course).title, exact=True).first.click()
    audit.check(page, "course")
    page.get_by_role("button", name="このコースに受講登録する").click()
    expect(page.get_by_role("link", name="最初のレッスンを始める")).to_be_visible()
    audit.check(page, "course, enrolled")
    page.get_by_role("link", name="最初のレッスンを始める").click()
    audit.check(page, "lesson")
    page.get_by_role("button", name="このレッスンを修了にする").click()
    expect(page.get_by_role("status")).to_be_visible()
    audit.check(page, "lesson completed")
    enrollment = Enrollment.objects.get(user=user, course=course)
    assert enrollment.completions.count() == 1

    # A seminar: the listing, the seminar page, a seat in a session.
    session = _open_session()
    page.get_by_role("navigation", name="メイン").get_by_role("link", name="セミナー").click()
    audit.check(page, "seminar listing")
    page.get_by_role("main").get_by_role("link", name=_in_japanese(session.seminar).title, exact=True).first.click()
    audit.check(page, "seminar")
    page.locator(f"form[action$='/seminar-sessions/{session.pk}/register/'] button[type=submit]").first.click()
    expect(page.get_by_role("status")).to_be_visible()
    audit.check(page, "seminar, registered")
    registration = SeminarRegistration.objects.get(user=user, session=session)
    page.get_by_role("navigation", name="あなたのツール").get_by_role("link", name="マイ学習").click()
    audit.check(page, "my learning")

    # An advisor: the directory, an advisor's open times, a consultation.
    advisor = (
        AdvisorProfile.objects.listed()
        .filter(accepting_consultations=True, auto_confirm=False)
        .order_by("slug")
        .first()
    )
    page.get_by_role("navigation", name="メイン").get_by_role("link", name="NGO相談員").click()
    audit.check(page, "advisor directory")
    page.get_by_role("main").get_by_role("link", name=str(advisor), exact=True).first.click()
    audit.check(page, "advisor")
    page.locator("main a[href*='/book/?start=']").first.click()
    audit.check(page, "consultation form")
    page.locator("main select[name=organization]").select_option(str(organization.pk))
    page.locator("main select[name=topic]").select_option(index=1)
    page.locator("main input[name=mode]").first.check()
    page.locator("main textarea[name=question]").fill("初めての年間予算の作り方について相談したいです。")
    page.locator("main form button[type=submit]:not([name=preview])").click()
    expect(page.get_by_role("status")).to_be_visible()
    audit.check(page, "consultation requested")
    consultation = Consultation.objects.get(learner=user)
    page.goto("/ja/consultations/")
    audit.check(page, "my consultations")

    # The organization's dashboard, as its (new) manager.
    page.goto(f"/ja/organizations/{organization.slug}/")
    page.get_by_role("link", name="進捗ダッシュボード").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("進捗ダッシュボード")
    audit.check(page, "organization dashboard")
    page.goto("/ja/")
    audit.check(page, "home, signed in")

    # Every email the journey sent this person is in Japanese.
    sent_to_user = [message for message in mailoutbox if EMAIL in message.to]
    for message in sent_to_user:
        audit.check_email(message, "to the new user")
    assert len(sent_to_user) >= 3, [message.subject for message in sent_to_user]
    assert registration.status in {SeminarRegistration.Status.CONFIRMED, SeminarRegistration.Status.WAITLISTED}
    assert consultation.status == Consultation.Status.PENDING

    assert not audit.english and not audit.violations, audit.report()
