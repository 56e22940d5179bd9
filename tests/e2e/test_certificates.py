"""Journey: a learner with no name on file fails a quiz (no right answer shown), passes, names the
certificate in Japanese script, downloads the PDF, and a stranger verifies it by its code."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from courses.factories import SAMPLE_QUIZ, CourseIndexPageFactory, CoursePageFactory, LessonPageFactory, quiz_data
from courses.models import Certificate
from organizations.factories import MembershipFactory

from .conftest import assert_accessible, browser_test

pytestmark = browser_test


def test_failed_quiz_then_certificate_in_the_chosen_name(contexts, sign_in, page, home_page):
    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), title="NGOのための会計入門", slug="accounting-ja"
    )
    LessonPageFactory(parent=course, title="Quiz lesson", slug="quiz-lesson", quiz=quiz_data(SAMPLE_QUIZ))
    learner = MembershipFactory(user__first_name="", user__last_name="", user__email="nameless@example.org").user
    sign_in(learner)
    page.set_default_timeout(30_000)  # shared CI machines
    page.set_default_navigation_timeout(60_000)
    page.goto("/courses/accounting-ja/")
    page.get_by_role("button", name="Enroll in this course").click()
    page.goto("/courses/accounting-ja/quiz-lesson/")

    quiz = page.get_by_role("region", name="Quiz")
    quiz.get_by_label("The bank statement").check()
    quiz.get_by_label("Daily bookkeeping").check()
    quiz.get_by_role("button", name="Submit answers").click()
    result = page.locator("#quiz-result")
    expect(result).to_contain_text("Incorrect")
    expect(result).not_to_contain_text("correct answer")
    expect(result).not_to_contain_text("Why.")
    assert_accessible(page, "failed quiz")

    quiz = page.get_by_role("region", name="Quiz")
    quiz.get_by_label("The articles of association").check()
    quiz.get_by_label("Oversight").check()
    quiz.get_by_label("Approving the budget").check()
    quiz.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Course complete")
    assert_accessible(page, "completion page asking for the certificate name")
    page.get_by_label("Name on your certificate").fill("佐藤 花子")
    page.get_by_role("button", name="Issue my certificate").click()
    expect(page.get_by_role("status")).to_contain_text("Your certificate is ready.")
    expect(page.get_by_role("main")).to_contain_text("佐藤 花子")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the certificate (PDF)").click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    text = pdf.pages[0].extract_text()
    assert "NGOのための会計入門" in text and "佐藤 花子" in text

    certificate = Certificate.objects.get(enrollment__user=learner)
    visitor = contexts().new_page()
    visitor.set_default_timeout(30_000)
    visitor.goto("/")
    visitor.get_by_role("link", name="Verify a certificate").click()
    visitor.get_by_label("Certificate code").fill(certificate.code)
    visitor.get_by_role("button", name="Verify").click()
    main = visitor.get_by_role("main")
    expect(main).to_contain_text("佐藤 花子")
    expect(main).to_contain_text("NGOのための会計入門")
    expect(main).not_to_contain_text("@")
    assert_accessible(visitor, "public certificate verification")
