import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page

from lms.errors import ServiceError
from organizations.models import ProgrammeRole
from studygroups import services
from studygroups.models import ReportChapter, StudyGroup, StudyGroupReportIndexPage, StudyGroupReportPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    page = StudyGroupReportIndexPage(title="Reports", slug="reports")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def approved_chapter(group, facilitator, member, title="Findings"):
    chapter = services.chapter_create(group=group, by=member, title=title, body="<p>We found <b>things</b></p>")
    services.chapter_submit(chapter=chapter, by=member)
    return services.chapter_review(chapter=chapter, by=facilitator, approve=True)


def test_page_tree_rules(home_page):
    assert StudyGroupReportIndexPage.can_create_at(home_page)
    assert not StudyGroupReportPage.can_create_at(home_page)
    assert set(StudyGroupReportPage.allowed_parent_page_models()) == {StudyGroupReportIndexPage}
    assert not StudyGroupReportIndexPage.can_create_at(Page.get_first_root_node())


def test_chapter_review_cycle(client_for, group, facilitator, group_member):
    client = client_for(group_member)
    client.post(f"/study-groups/{group.slug}/report/chapters/new/", {"title": "Intro", "body": "<p>Draft</p>"})
    chapter = ReportChapter.objects.get()
    client.post(f"/study-groups/{group.slug}/report/chapters/{chapter.pk}/submit/")
    chapter.refresh_from_db()
    assert chapter.status == ReportChapter.Status.IN_REVIEW
    url = f"/study-groups/{group.slug}/report/chapters/{chapter.pk}/review/"
    assert client.post(url, {"decision": "approve"}).status_code == 403
    client_for(facilitator).post(url, {"decision": "changes", "note": "Add the survey numbers"})
    chapter.refresh_from_db()
    assert chapter.status == ReportChapter.Status.CHANGES_REQUESTED
    assert chapter.review_note == "Add the survey numbers"


def test_publish_needs_every_chapter_approved(index, group, facilitator, group_member):
    services.chapter_create(group=group, by=group_member, title="Draft", body="<p>x</p>")
    with pytest.raises(ServiceError):
        services.report_publish(group=group, by=facilitator, title="R", intro="i", recommendations="<p>r</p>")


def test_facilitator_publish_goes_through_moderation(client_for, index, group, facilitator, group_member):
    approved_chapter(group, facilitator, group_member)
    document = services.document_upload(
        group=group, by=facilitator, title="Final", upload=SimpleUploadedFile("final.pdf", b"%PDF-1.4 final")
    )
    response = client_for(facilitator).post(
        f"/study-groups/{group.slug}/report/publish/",
        {
            "title": "Transparency report",
            "intro": "What we learned.",
            "recommendations": "<ol><li>Publish accounts</li></ol><script>x</script>",
            "version": str(document.current_version.pk),
        },
    )
    assert response.status_code == 302
    page = StudyGroupReportPage.objects.get()
    assert not page.live
    assert page.current_workflow_state is not None
    assert client_for(None).get("/reports/transparency-report/").status_code == 404
    draft = page.get_latest_revision_as_object()
    assert "<script>" not in draft.recommendations
    assert draft.report_document is not None and draft.report_document.file.name.endswith(".pdf")

    moderator = __import__("organizations.factories", fromlist=["UserFactory"]).UserFactory(
        groups=[ProgrammeRole.MODERATORS]
    )
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user=moderator, action_name="approve")
    page.refresh_from_db()
    assert page.live
    group.refresh_from_db()
    assert group.status == StudyGroup.Status.PUBLISHED
    public = client_for(None).get(page.url)
    assert public.status_code == 200
    html = public.content.decode()
    assert "Findings" in html and "Publish accounts" in html and "<script>x" not in html
    assert page.report_document.url in html
    assert page.title in client_for(None).get("/reports/").content.decode()


def test_publisher_publishes_directly(index, group, facilitator, group_member):
    approved_chapter(group, facilitator, group_member)
    facilitator.is_superuser = True
    facilitator.save()
    page, outcome = services.report_publish(
        group=group, by=facilitator, title="Direct", intro="i", recommendations="<p>r</p>"
    )
    assert outcome == "published" and page.live
    group.refresh_from_db()
    assert group.status == StudyGroup.Status.PUBLISHED
    # Publishing again updates the same page.
    again, _ = services.report_publish(group=group, by=facilitator, title="Direct 2", intro="i", recommendations="")
    assert again.pk == page.pk and StudyGroupReportPage.objects.count() == 1


def test_only_facilitators_publish(index, group, facilitator, group_member):
    approved_chapter(group, facilitator, group_member)
    with pytest.raises(ServiceError):
        services.report_publish(group=group, by=group_member, title="R", intro="i", recommendations="")


def test_admin_screens(client_for, index, group, facilitator, group_member):
    from organizations.factories import UserFactory

    approved_chapter(group, facilitator, group_member)
    page, _ = services.report_publish(group=group, by=facilitator, title="Admin", intro="i", recommendations="")
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = client_for(admin)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get("/admin/snippets/studygroups/studygroup/").status_code == 200
    assert client.get("/admin/snippets/studygroups/groupmembership/").status_code == 200
