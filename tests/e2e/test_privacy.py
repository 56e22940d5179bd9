"""Journey: a demo learner downloads their data, asks for deletion and cancels, asks again and is erased;
the retention command removes an old attachment and keeps its consultation."""

import io
import json
import re
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import add_session, assert_accessible, browser_test

pytestmark = browser_test


def _figures(page) -> list[str]:
    page.goto("/programme/")
    return page.locator(".figure__value").all_inner_texts()


def test_download_delete_cancel_and_erasure(contexts, live_server, home_page, mailoutbox):
    from advisors.models import Consultation
    from courses.models import SeminarRegistration
    from home.management.commands.load_demo_data import run_loaders
    from organizations.models import User
    from privacy.models import DataRequest
    from studygroups.models import Post

    ctx = run_loaders()
    # Some demo people read the site in Japanese; this journey reads it in English.
    User.objects.filter(pk__in=[u.pk for u in ctx.users.values()]).update(preferred_language="en")
    learner, learner2 = ctx.users["learner"], ctx.users["learner2"]
    learner.refresh_from_db()
    email = learner.email
    post = Post.objects.filter(author=learner, deleted_at__isnull=True).select_related("thread__group").first()
    consultation = Consultation.objects.filter(learner=learner).select_related("topic").first()
    registration = SeminarRegistration.objects.filter(user=learner).select_related("session__seminar").first()
    assert post and consultation and registration

    staff_page = contexts().new_page()
    add_session(staff_page.context, live_server, ctx.users["staff"])
    before = _figures(staff_page)

    page = contexts().new_page()
    add_session(page.context, live_server, learner)
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name=learner.get_short_name()).click()
    page.get_by_role("link", name="Download your data or delete your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    assert_accessible(page, "data page")

    page.get_by_role("button", name="Prepare my data").click()
    expect(page.get_by_text("We are preparing your data")).to_be_visible()
    assert any(message.to == [email] and "ready" in message.subject for message in mailoutbox)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download ZIP").click()
    with zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read())) as archive:
        sections = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".json")}
    consultations = json.loads(sections["advisors_consultations.json"])["records"]
    assert any(record["starts"] == timezone.localtime(consultation.start).isoformat() for record in consultations)
    registrations = json.loads(sections["seminars_registrations.json"])["records"]
    assert any(record["seminar"] == registration.session.seminar.title for record in registrations)
    posts = json.loads(sections["studygroups_posts.json"])["records"]
    assert any(record["message"] == post.body for record in posts)
    everything = "".join(sections.values())
    assert learner2.email not in everything and learner2.get_full_name() not in everything

    # Ask for deletion, then cancel it.
    page.get_by_role("link", name="Delete my account").click()
    assert_accessible(page, "deletion confirmation")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Tick the box to confirm.").first).to_be_visible()
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text(re.compile("Your account will be deleted on")).first).to_be_visible()
    page.get_by_role("button", name="Cancel the deletion").click()
    expect(page.get_by_text("You cancelled the deletion. Your account stays as it is.")).to_be_visible()

    # Ask again; the grace period passes.
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Delete my account").click()
    erasure = DataRequest.objects.get(user=learner, kind="erasure", state="pending")
    call_command("erase_due_accounts", "--now", (erasure.due_at + timedelta(minutes=1)).isoformat())

    # Signed out at once, and the password no longer works.
    page.goto("/accounts/data/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill("demo-pass-2024")
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # The post stays, from a former member, as another member sees it.
    other = contexts().new_page()
    add_session(other.context, live_server, learner2)
    other.goto(post.get_absolute_url())
    expect(other.locator(f"#post-{post.pk}").get_by_text("Former member")).to_be_visible()

    # The programme's figures are unchanged; the log shows the erasure.
    assert _figures(staff_page) == before
    staff_page.goto("/programme/")
    staff_page.get_by_role("link", name="Data requests").click()
    expect(staff_page.get_by_role("cell", name="Account erasure").first).to_be_visible()
    assert_accessible(staff_page, "data request log")


def test_retention_deletes_an_old_attachment_and_keeps_its_consultation(page, sign_in):
    from advisors.factories import ConsultationFactory
    from advisors.models import Consultation

    start = timezone.now() - timedelta(days=400)
    consultation = ConsultationFactory(
        start=start, end=start + timedelta(hours=1), status=Consultation.Status.COMPLETED
    )
    consultation.attachment.save("budget.pdf", ContentFile(b"%PDF-1.4 budget"), save=False)
    consultation.attachment_name = "budget.pdf"
    consultation.save()
    sign_in(consultation.learner)
    page.goto(f"/consultations/{consultation.pk}/")
    expect(page.get_by_role("link", name="Download attachment: budget.pdf")).to_be_visible()

    call_command("apply_retention")

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Download attachment"))).to_have_count(0)
    assert Consultation.objects.filter(pk=consultation.pk).exists()
