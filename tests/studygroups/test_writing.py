"""Writing in a study group: Markdown rendered in the page and the email, a preview first, mentions by name."""

import pytest

from studygroups import services
from studygroups.models import GroupMembership, Meeting, Post, Thread
from tests.oncommit import committed

pytestmark = pytest.mark.django_db

TEXT = "First paragraph.\n\nSecond paragraph with **bold**.\n\n- apples\n- pears"


@pytest.fixture
def thread(group, facilitator):
    return services.thread_create(group=group, author=facilitator, title="Survey", body="Draft questions")


def test_preview_shows_the_rendered_post_and_posts_nothing(client_for, thread, group_member, outbox):
    outbox.clear()
    response = client_for(group_member).post(thread.get_absolute_url(), {"body": TEXT, "preview": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    preview = page.split('class="markdown-preview"')[1].split("</section>")[0]
    assert "<p>First paragraph.</p>" in preview
    assert "<p>Second paragraph with <strong>bold</strong>.</p>" in preview
    assert "<ul>\n<li>apples</li>\n<li>pears</li>\n</ul>" in preview
    assert "First paragraph.\n\nSecond paragraph" in page  # the text stays in the form, as typed
    assert thread.posts.count() == 1 and outbox == []


def test_posted_text_renders_in_the_page_and_both_parts_of_the_email(client_for, thread, group_member, membership):
    membership.notify = GroupMembership.Notify.EACH
    membership.save()
    facilitator = thread.author
    client = client_for(facilitator)
    from django.core import mail

    mail.outbox.clear()
    response = client.post(thread.get_absolute_url(), {"body": TEXT})
    assert response.status_code == 302
    assert Post.objects.filter(thread=thread).last().body == TEXT
    page = client.get(response.url).content.decode()
    assert "<p>First paragraph.</p>\n<p>Second paragraph with <strong>bold</strong>.</p>" in page
    assert "<ul>\n<li>apples</li>\n<li>pears</li>\n</ul>" in page
    assert "Your reply was posted." in page

    (message,) = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<p>Second paragraph with <strong>bold</strong>.</p>" in html and "<li>apples</li>" in html
    assert "First paragraph.\n\nSecond paragraph with bold.\n\n- apples\n- pears" in message.body
    assert "**" not in message.body and "<" not in message.body.split("wrote in")[1].split("http")[0]


def test_preview_of_an_empty_reply_is_the_form_message(client_for, thread, group_member):
    response = client_for(group_member).post(thread.get_absolute_url(), {"body": "", "preview": "1"})
    assert response.status_code == 200
    assert "field-errors" in response.content.decode()


def test_preview_is_for_members_only(client, client_for, thread, outsider):
    url = thread.get_absolute_url()
    assert client.post(url, {"body": TEXT, "preview": "1"}).status_code in (302, 404)  # never a preview
    assert client_for(outsider).post(url, {"body": TEXT, "preview": "1"}).status_code == 404


def test_every_markdown_form_has_help_and_preview(client_for, group, facilitator, thread):
    client = client_for(facilitator)
    for url in (
        f"/study-groups/{group.slug}/threads/new/",
        thread.get_absolute_url(),
        f"/study-groups/{group.slug}/meetings/new/",
        f"/study-groups/{group.slug}/report/chapters/new/",
    ):
        page = client.get(url).content.decode()
        assert "Formatting help" in page and 'name="preview"' in page, url


def test_new_thread_preview_then_post(client_for, group, group_member):
    client = client_for(group_member)
    url = f"/study-groups/{group.slug}/threads/new/"
    response = client.post(url, {"title": "Budgets", "body": "1. one\n2. two", "preview": "1"})
    assert "<ol>\n<li>one</li>" in response.content.decode() and not Thread.objects.filter(title="Budgets").exists()
    assert client.post(url, {"title": "Budgets", "body": "1. one\n2. two"}).status_code == 302
    assert Thread.objects.get(title="Budgets").posts.get().body == "1. one\n2. two"


def test_minutes_preview_keeps_the_page(client_for, group, facilitator):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now().replace(tzinfo=None) + timedelta(days=2)
    meeting = services.meeting_create(
        group=group,
        by=facilitator,
        data={
            "title": "Kick-off",
            "starts_at": start,
            "ends_at": start + timedelta(hours=1),
            "time_zone": "Asia/Tokyo",
            "mode": "online",
            "online_url": "https://meet.example.org/x",
            "agenda": "",
        },
    )
    # Minutes are written once the meeting has started: move it into the past, as test_meetings does.
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    url = f"/study-groups/{group.slug}/meetings/{meeting.pk}/minutes/"
    response = client_for(facilitator).post(url, {"minutes": "- agreed **budget**", "preview": "1"})
    assert response.status_code == 200
    assert "<li>agreed <strong>budget</strong></li>" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes == ""
    response = client_for(facilitator).post(url, {"minutes": ""})
    assert response.status_code == 200 and "field-errors" in response.content.decode()


def test_mentions_are_picked_by_display_name_never_by_email(client_for, thread, group_member, membership, outbox):
    group_member.display_name = "Haruka Sato"
    group_member.save()
    membership.notify = GroupMembership.Notify.DIGEST
    membership.save()
    facilitator = thread.author
    client = client_for(facilitator)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Mention members" in page and "Haruka Sato" in page
    assert "haruka.sato@" not in page and "@haruka.sato" not in page
    outbox.clear()
    response = client.post(thread.get_absolute_url(), {"body": "Could you check?", "mentions": [group_member.pk]})
    assert response.status_code == 302
    assert [m.to for m in outbox] == [[group_member.email]]
    assert "Mentioned: Haruka Sato" in client.get(thread.get_absolute_url()).content.decode()


def test_mentioning_someone_outside_the_group_is_a_form_message(client_for, thread, outsider):
    facilitator = thread.author
    response = client_for(facilitator).post(thread.get_absolute_url(), {"body": "Hi", "mentions": [outsider.pk]})
    assert response.status_code == 200 and "field-errors" in response.content.decode()
    assert thread.posts.count() == 1


@pytest.fixture
def second_member(group, other_organization):
    from organizations.factories import MembershipFactory, UserFactory
    from studygroups.factories import GroupMembershipFactory

    user = UserFactory(email="kenji.mori@example.org", display_name="Kenji Mori")
    MembershipFactory(user=user, organization=other_organization)
    GroupMembershipFactory(group=group, user=user, organization=other_organization)
    return user


def test_editing_a_post_emails_only_the_newly_mentioned_once(
    client_for, thread, group_member, second_member, membership, outbox
):
    facilitator = thread.author
    client = client_for(facilitator)
    client.post(thread.get_absolute_url(), {"body": "Could you check?", "mentions": [group_member.pk]})
    post = thread.posts.last()
    edit_url = f"/study-groups/{thread.group.slug}/posts/{post.pk}/edit/"
    page = client.get(edit_url).content.decode()
    assert "Already mentioned" in page and "Kenji Mori" in page
    assert f'value="{group_member.pk}"' not in page  # the one already told is not offered again

    outbox.clear()
    response = client.post(edit_url, {"body": "Could you both check?", "mentions": [second_member.pk]})
    assert response.status_code == 302
    assert [m.to for m in outbox] == [[second_member.email]]
    assert "mentioned you" in outbox[0].subject and "Could you both check?" in outbox[0].body
    assert set(post.mentions.all()) == {group_member, second_member}

    outbox.clear()
    services.post_edit(post=post, by=facilitator, body="Could you both check, please?", mentions=[second_member])
    services.post_edit(post=post, by=facilitator, body="Could you both check, please?", mentions=[group_member])
    assert outbox == []  # neither is told twice


def test_an_edit_that_only_adds_a_mention_keeps_the_text_and_its_history(thread, second_member, outbox):
    post = thread.posts.get()
    outbox.clear()
    with committed():
        services.post_edit(post=post, by=thread.author, body=post.body, mentions=[second_member])
    assert [m.to for m in outbox] == [[second_member.email]]
    assert post.revisions.count() == 0 and post.edited_at is None


def test_an_edit_cannot_mention_someone_outside_the_group(client_for, thread, group_member, outsider, outbox):
    post = thread.posts.get()
    edit_url = f"/study-groups/{thread.group.slug}/posts/{post.pk}/edit/"
    outbox.clear()
    services.post_edit(post=post, by=thread.author, body="Draft questions v2", mentions=[outsider])
    assert outbox == [] and not post.mentions.exists()
    response = client_for(thread.author).post(edit_url, {"body": "v3", "mentions": [outsider.pk]})
    assert response.status_code == 200 and "field-errors" in response.content.decode()
    post.refresh_from_db()
    assert post.body == "Draft questions v2"
