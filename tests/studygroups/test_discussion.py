import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms.errors import ServiceError
from studygroups import services
from studygroups.factories import GroupMembershipFactory
from studygroups.models import GroupMembership, Post, Thread
from studygroups.notifications import send_digests
from tests.oncommit import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(group, facilitator):
    return services.thread_create(group=group, author=facilitator, title="Survey", body="<p>Draft questions</p>")


def test_thread_and_reply_through_views(client_for, group, group_member):
    client = client_for(group_member)
    response = client.post(f"/study-groups/{group.slug}/threads/new/", {"title": "Budgets", "body": "<p>Hello</p>"})
    thread = Thread.objects.get(title="Budgets")
    assert response.status_code == 302
    response = client.post(thread.get_absolute_url(), {"body": "A **reply**"})
    assert response.status_code == 302
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "A <strong>reply</strong>" in page
    post = thread.posts.last()
    assert post.organization == GroupMembership.objects.get(group=group, user=group_member).organization


def test_edit_keeps_history(client_for, group, thread, facilitator):
    post = thread.posts.get()
    services.post_edit(post=post, by=facilitator, body="<p>Final questions</p>")
    assert post.revisions.get().body == "<p>Draft questions</p>"
    history = client_for(facilitator).get(f"/study-groups/{group.slug}/posts/{post.pk}/history/").content.decode()
    assert "Draft questions" in history and "Final questions" in history


def test_only_author_edits(thread, group_member):
    with pytest.raises(ServiceError):
        services.post_edit(post=thread.posts.get(), by=group_member, body="<p>mine now</p>")


def test_soft_delete_and_undo_by_author(client_for, group, thread, group_member):
    post = services.post_create(thread=thread, author=group_member, body="<p>Oops</p>")
    client = client_for(group_member)
    client.post(f"/study-groups/{group.slug}/posts/{post.pk}/delete/")
    post.refresh_from_db()
    assert post.is_deleted
    assert "Oops" not in client.get(thread.get_absolute_url()).content.decode()
    client.post(f"/study-groups/{group.slug}/posts/{post.pk}/restore/")
    post.refresh_from_db()
    assert not post.is_deleted


def test_facilitator_deletes_and_restores_others_posts(thread, group_member, facilitator):
    post = services.post_create(thread=thread, author=group_member, body="<p>Off topic</p>")
    services.post_delete(post=post, by=facilitator)
    assert Post.objects.get(pk=post.pk).is_deleted
    services.post_restore(post=post, by=facilitator)
    assert not Post.objects.get(pk=post.pk).is_deleted


def test_other_member_cannot_delete(client_for, group, thread, group_member):
    post = thread.posts.get()
    client_for(group_member).post(f"/study-groups/{group.slug}/posts/{post.pk}/delete/")
    assert not Post.objects.get(pk=post.pk).is_deleted


def test_pin_and_lock(client_for, group, thread, facilitator, group_member):
    url = f"/study-groups/{group.slug}/threads/{thread.pk}/flags/"
    assert client_for(group_member).post(url, {"flag": "locked", "value": "1"}).status_code == 403
    client_for(facilitator).post(url, {"flag": "locked", "value": "1"})
    client_for(facilitator).post(url, {"flag": "pinned", "value": "1"})
    thread.refresh_from_db()
    assert thread.locked and thread.pinned
    with pytest.raises(ServiceError):
        services.post_create(thread=thread, author=group_member, body="<p>late</p>")
    services.post_create(thread=thread, author=facilitator, body="<p>Closing note</p>")


def test_each_post_notifications_follow_preferences(group, thread, facilitator, membership, outbox):
    quiet = GroupMembershipFactory(group=group, notify=GroupMembership.Notify.NONE)
    digest = GroupMembershipFactory(group=group, notify=GroupMembership.Notify.DIGEST)
    outsider = GroupMembershipFactory(status=GroupMembership.Status.ACTIVE)  # another group
    outbox.clear()
    with committed():
        services.post_create(thread=thread, author=facilitator, body="<p>News</p>")
    recipients = {m.to[0] for m in outbox}
    assert recipients == {membership.user.email}
    assert quiet.user.email not in recipients and digest.user.email not in recipients
    assert outsider.user.email not in recipients


def test_mentions_notify_members_only(group, thread, membership, facilitator, outsider, outbox):
    membership.notify = GroupMembership.Notify.DIGEST
    membership.save()
    outbox.clear()
    with committed():
        services.post_create(
            thread=thread, author=facilitator, body="Please check", mentions=[membership.user, outsider, facilitator]
        )
    assert [m.to for m in outbox] == [[membership.user.email]]
    assert "mentioned you" in outbox[0].subject
    assert list(thread.posts.last().mentions.all()) == [membership.user]


def test_an_email_fragment_after_at_mentions_nobody(thread, membership, facilitator, outbox):
    membership.notify = GroupMembership.Notify.DIGEST
    membership.save()
    outbox.clear()
    services.post_create(thread=thread, author=facilitator, body=f"@{membership.user.email.split('@')[0]} please")
    assert outbox == []


def test_digest_task_and_command(group, thread, membership, facilitator, outbox):
    membership.notify = GroupMembership.Notify.DIGEST
    membership.last_digest_at = timezone.now() - timedelta(hours=1)
    membership.save()
    with committed():
        services.post_create(thread=thread, author=facilitator, body="<p>For the digest</p>")
    outbox.clear()
    with committed():
        call_command("send_studygroup_digests", stdout=io.StringIO())
    assert len(outbox) == 1
    assert "For the digest" in outbox[0].body
    outbox.clear()
    assert send_digests() == 0  # nothing new since the last digest


def test_long_threads_paginate_and_replies_land_on_the_last_page(client_for, group, thread, facilitator, settings):
    from studygroups import selectors

    for i in range(selectors.POSTS_PER_PAGE + 1):
        Post.objects.create(thread=thread, author=facilitator, body=f"<p>bulk {i}</p>")
    client = client_for(facilitator)
    response = client.post(thread.get_absolute_url(), {"body": "<p>the newest reply</p>"})
    assert "page=last" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "the newest reply" in page and "Page 2 of 2" in page
