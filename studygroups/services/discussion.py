"""Discussion: threads and posts, mentions, edits with their history, and soft deletion that can be undone."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import audit
from lms.errors import ServiceError
from lms.locking import lock
from lms.markdown import clean_markdown, has_text
from lms.sanitizer import plain_text

from .. import notifications
from ..models import GroupMembership, Post, PostRevision, StudyGroup, Thread
from .groups import _require_facilitator, _require_member


def _clean_body(body: str) -> str:
    cleaned = clean_markdown(body)
    if not has_text(cleaned):
        raise ServiceError(_("Write a message."))
    return cleaned


def _mentionable_ids(group: StudyGroup, mentions, *, author) -> set[int]:
    """The picked users who are active members of the group, never the author: anyone else is ignored."""
    ids = {getattr(user, "pk", user) for user in mentions or ()}
    if not ids:
        return set()
    members = GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE, user_id__in=ids)
    return set(members.exclude(user_id=author.pk).values_list("user_id", flat=True))


def _post_create(*, thread: Thread, membership: GroupMembership, body: str, mentions=()) -> Post:
    post = Post.objects.create(
        thread=thread, author=membership.user, organization=membership.organization, body=_clean_body(body)
    )
    post.mentions.set(_mentionable_ids(thread.group, mentions, author=membership.user))
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=post.created_at)
    notifications.notify_new_post(post)
    return post


@transaction.atomic
def thread_create(*, group: StudyGroup, author, title: str, body: str, mentions=()) -> Thread:
    membership = _require_member(group, author)
    title = plain_text(title).strip()
    if not title:
        raise ServiceError(_("Give the thread a title."))
    thread = Thread.objects.create(group=group, title=title[:200], author=author)
    _post_create(thread=thread, membership=membership, body=body, mentions=mentions)
    return thread


@transaction.atomic
def post_create(*, thread: Thread, author, body: str, mentions=()) -> Post:
    """``mentions``: members picked by name; anyone who is not an active member of the group is ignored."""
    membership = _require_member(thread.group, author)
    if thread.locked and not membership.is_facilitator:
        raise ServiceError(_("This thread is locked."))
    return _post_create(thread=thread, membership=membership, body=body, mentions=mentions)


@transaction.atomic
def post_edit(*, post: Post, by, body: str, mentions=()) -> Post:
    """``mentions`` adds members: only those not mentioned before are emailed, so nobody hears twice."""
    _require_member(post.thread.group, by)
    if post.author_id != by.pk:
        raise ServiceError(_("Only the author can edit a post."))
    post = lock(post)
    if post.is_deleted:
        raise ServiceError(_("Restore the post before editing it."))
    cleaned = _clean_body(body)
    if cleaned != post.body:
        PostRevision.objects.create(post=post, body=post.body, edited_by=by)
        post.body = cleaned
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at"])
    added = _mentionable_ids(post.thread.group, mentions, author=by) - set(post.mentions.values_list("pk", flat=True))
    if added:
        post.mentions.add(*added)
        notifications.notify_mentions(post, added)
    return post


def _can_moderate(post: Post, membership: GroupMembership) -> bool:
    return membership.is_facilitator or post.author_id == membership.user_id


@transaction.atomic
def post_delete(*, post: Post, by) -> Post:
    membership = _require_member(post.thread.group, by)
    if not _can_moderate(post, membership):
        raise ServiceError(_("Only the author or a facilitator can delete a post."))
    post = lock(post)
    if not post.is_deleted:
        post.deleted_at = timezone.now()
        post.deleted_by = by
        post.save(update_fields=["deleted_at", "deleted_by"])
        audit.record(action="studygroups.post_deleted", actor=by, target=post)
    return post


@transaction.atomic
def post_restore(*, post: Post, by) -> Post:
    membership = _require_member(post.thread.group, by)
    if not _can_moderate(post, membership):
        raise ServiceError(_("Only the author or a facilitator can restore a post."))
    post = lock(post)
    if post.is_deleted:
        post.deleted_at = None
        post.deleted_by = None
        post.save(update_fields=["deleted_at", "deleted_by"])
        audit.record(action="studygroups.post_restored", actor=by, target=post)
    return post


@transaction.atomic
def posts_bulk(*, group: StudyGroup, posts: list[Post], by, action: str) -> int:
    """Delete or restore several posts of one group at once (facilitators only)."""
    _require_facilitator(group, by)
    if any(post.thread.group_id != group.pk for post in posts):
        raise ServiceError(_("All posts must belong to this group."))
    ids = [post.pk for post in posts]
    if action == "delete":
        changed = Post.objects.filter(pk__in=ids, deleted_at__isnull=True)
        ids = list(changed.values_list("pk", flat=True))
        count = changed.update(deleted_at=timezone.now(), deleted_by=by)
    elif action == "restore":
        changed = Post.objects.filter(pk__in=ids, deleted_at__isnull=False)
        ids = list(changed.values_list("pk", flat=True))
        count = changed.update(deleted_at=None, deleted_by=None)
    else:
        raise ServiceError(_("Choose an action."))
    if count:
        audit.record(action=f"studygroups.posts_{action}d", actor=by, target=group, details={"posts": ids})
    return count


@transaction.atomic
def thread_set_flags(*, thread: Thread, by, pinned: bool | None = None, locked: bool | None = None) -> Thread:
    _require_facilitator(thread.group, by)
    if pinned is not None:
        thread.pinned = pinned
    if locked is not None:
        thread.locked = locked
    thread.save(update_fields=["pinned", "locked"])
    return thread
