"""Who hears about a post, and how: each post, mentions, and the daily digest.

Only active members of the group are ever addressed, so a group never shows up in
an outsider's inbox; members who chose "none" get nothing.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from lms.email import EmailKind, absolute_url, send_templated_email

from .models import GroupMembership, Post


def mentioned_memberships(post: Post, members: list[GroupMembership]) -> list[GroupMembership]:
    """The members picked by name when the post was written."""
    picked = set(post.mentions.values_list("pk", flat=True))
    return [membership for membership in members if membership.user_id in picked]


def _listeners(post: Post) -> list[GroupMembership]:
    return list(
        GroupMembership.objects.filter(group=post.thread.group, status=GroupMembership.Status.ACTIVE)
        .exclude(notify=GroupMembership.Notify.NONE)
        .exclude(user=post.author)
        .select_related("user")
    )


def _context(post: Post) -> dict:
    group = post.thread.group
    return {
        "group": group,
        "thread": post.thread,
        "post": post,
        "author": post.author,
        "url": absolute_url(post.get_absolute_url()),
        "preferences_url": absolute_url(f"/study-groups/{group.slug}/preferences/"),
    }


def _send_mentions(mentioned: list[GroupMembership], context: dict) -> None:
    if mentioned:
        send_templated_email(
            to=[m.user for m in mentioned], template="studygroups/mention", context=context, kind=EmailKind.MENTIONS
        )


def notify_new_post(post: Post) -> None:
    members = _listeners(post)
    mentioned = mentioned_memberships(post, members)
    mentioned_ids = {m.pk for m in mentioned}
    context = _context(post)
    _send_mentions(mentioned, context)
    each = [m.user for m in members if m.notify == GroupMembership.Notify.EACH and m.pk not in mentioned_ids]
    if each:
        send_templated_email(to=each, template="studygroups/new_post", context=context, kind=EmailKind.DIGESTS)


def send_digests(*, now=None) -> int:
    """One email per digest member with the posts of their groups since their last digest."""
    now = now or timezone.now()
    memberships = (
        GroupMembership.objects.filter(status=GroupMembership.Status.ACTIVE, notify=GroupMembership.Notify.DIGEST)
        .select_related("user", "group")
        .order_by("user_id", "group_id")
    )
    sent = 0
    for membership in memberships:
        since = membership.last_digest_at or (now - timedelta(days=1))
        posts = list(
            Post.objects.filter(
                thread__group=membership.group, deleted_at__isnull=True, created_at__gt=since, created_at__lte=now
            )
            .filter(~Q(author=membership.user))
            .select_related("author", "thread")
            .order_by("thread_id", "created_at")
        )
        if posts:
            send_templated_email(
                to=membership.user,
                template="studygroups/digest",
                kind=EmailKind.DIGESTS,
                context={
                    "group": membership.group,
                    "posts": posts,
                    "url": absolute_url(membership.group.get_absolute_url()),
                    "preferences_url": absolute_url(f"/study-groups/{membership.group.slug}/preferences/"),
                },
            )
            sent += 1
        membership.last_digest_at = now
        membership.save(update_fields=["last_digest_at"])
    return sent


def notify_mentions(post: Post, user_ids) -> None:
    """An edit that mentions more members tells those members only (the post itself was announced already)."""
    ids = set(user_ids)
    _send_mentions([m for m in _listeners(post) if m.user_id in ids], _context(post))
