"""Ids from another group change nothing and answer 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from studygroups import services
from studygroups.factories import FacilitatorFactory, ReportChapterFactory
from studygroups.models import Post, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_groups(group, other_group, facilitator, group_member):
    """The facilitator of ``group`` is also a plain member... of nothing else; both groups have content."""
    mine = services.thread_create(group=group, author=group_member, title="Mine", body="<p>mine</p>")
    other_fac = FacilitatorFactory(group=other_group).user
    theirs = services.thread_create(group=other_group, author=other_fac, title="Theirs", body="<p>theirs</p>")
    return mine, theirs


def test_posting_into_another_groups_thread(client_for, group, group_member, two_groups):
    _, theirs = two_groups
    response = client_for(group_member).post(
        f"/study-groups/{group.slug}/threads/{theirs.pk}/", {"body": "<p>injected</p>"}
    )
    assert response.status_code == 404
    assert not Post.objects.filter(body__contains="injected").exists()


def test_deleting_another_groups_post(client_for, group, facilitator, two_groups):
    _, theirs = two_groups
    post = theirs.posts.get()
    for action in ("delete", "restore", "edit"):
        response = client_for(facilitator).post(f"/study-groups/{group.slug}/posts/{post.pk}/{action}/", {"body": "x"})
        assert response.status_code == 404
    post.refresh_from_db()
    assert not post.is_deleted and post.body == "<p>theirs</p>"


def test_bulk_mixing_groups_changes_nothing(client_for, group, facilitator, two_groups):
    mine, theirs = two_groups
    ids = [mine.posts.get().pk, theirs.posts.get().pk]
    response = client_for(facilitator).post(
        f"/study-groups/{group.slug}/posts/bulk/", {"posts": ids, "action": "delete"}
    )
    assert response.status_code == 404
    assert not Post.objects.filter(deleted_at__isnull=False).exists()


def test_bulk_within_group_works(client_for, group, facilitator, two_groups):
    mine, _ = two_groups
    extra = services.post_create(thread=mine, author=facilitator, body="<p>two</p>")
    ids = [mine.posts.first().pk, extra.pk]
    response = client_for(facilitator).post(
        f"/study-groups/{group.slug}/posts/bulk/", {"posts": ids, "action": "delete"}
    )
    assert response.status_code == 302
    assert Post.objects.filter(pk__in=ids, deleted_at__isnull=False).count() == 2


def test_bulk_by_plain_member_refused(client_for, group, group_member, two_groups):
    mine, _ = two_groups
    response = client_for(group_member).post(
        f"/study-groups/{group.slug}/posts/bulk/", {"posts": [mine.posts.get().pk], "action": "delete"}
    )
    assert response.status_code == 403
    assert not Post.objects.filter(deleted_at__isnull=False).exists()


def test_pinning_and_chapters_and_documents_of_another_group(client_for, group, other_group, facilitator, two_groups):
    _, theirs = two_groups
    client = client_for(facilitator)
    base = f"/study-groups/{group.slug}/"
    assert client.post(base + f"threads/{theirs.pk}/flags/", {"flag": "pinned", "value": "1"}).status_code == 404
    assert not Thread.objects.get(pk=theirs.pk).pinned
    chapter = ReportChapterFactory(group=other_group, status="in_review")
    assert client.post(base + f"report/chapters/{chapter.pk}/review/", {"decision": "approve"}).status_code == 404
    chapter.refresh_from_db()
    assert chapter.status == "in_review"
    other_fac = other_group.memberships.get().user
    document = services.document_upload(
        group=other_group, by=other_fac, title="Theirs", upload=SimpleUploadedFile("t.txt", b"secret")
    )
    assert client.get(base + f"documents/{document.pk}/v1/download/").status_code == 404
    assert client.post(base + f"documents/{document.pk}/delete/").status_code == 404
    document.refresh_from_db()
    assert not document.is_deleted
