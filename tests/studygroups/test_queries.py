"""The workspace home and a thread page cost the same number of queries at any size."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from studygroups import services
from studygroups.factories import GroupMembershipFactory, MeetingFactory, ReportChapterFactory

pytestmark = pytest.mark.django_db


def grow(group, facilitator, thread, n):
    for i in range(n):
        author = GroupMembershipFactory(group=group).user
        post = services.post_create(thread=thread, author=author, body=f"<p>post {i} @{facilitator.email}</p>")
        if i % 2:
            services.post_edit(post=post, by=author, body=f"<p>edited {i}</p>")
        if i % 3 == 0:
            services.post_delete(post=post, by=facilitator)
        services.document_upload(
            group=group, by=author, title=f"doc {i}", upload=SimpleUploadedFile(f"d{i}.txt", b"text")
        )
        MeetingFactory(group=group)
        ReportChapterFactory(group=group, author=author)


def count(client, url):
    client.get(url)  # warm per-session caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["facilitator", "member"])
def test_constant_queries(client_for, group, facilitator, group_member, who):
    viewer = facilitator if who == "facilitator" else group_member
    thread = services.thread_create(group=group, author=facilitator, title="Big", body="<p>start</p>")
    client = client_for(viewer)
    urls = [
        group.get_absolute_url(),
        thread.get_absolute_url(),
        f"/study-groups/{group.slug}/threads/",
        f"/study-groups/{group.slug}/documents/",
        f"/study-groups/{group.slug}/meetings/",
        f"/study-groups/{group.slug}/members/",
    ]
    grow(group, facilitator, thread, 2)
    small = [count(client, url) for url in urls]
    grow(group, facilitator, thread, 12)
    large = [count(client, url) for url in urls]
    assert small == large
    assert small[0] <= 20 and small[1] <= 20
