"""Threads and posts of a group, and whom a member may mention."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import GroupMembership, Post, StudyGroup, Thread

POSTS_PER_PAGE = 50


def threads_for(group: StudyGroup) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(group=group)
        .select_related("author", "group")
        .annotate(post_count=Count("posts", filter=Q(posts__deleted_at__isnull=True)))
        .order_by("-pinned", "-last_activity_at")
    )


def thread_in(group: StudyGroup, pk: int) -> Thread:
    return get_object_or_404(Thread.objects.select_related("group", "author"), pk=pk, group=group)


def thread_posts(thread: Thread) -> QuerySet[Post]:
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "organization", "deleted_by")
        .prefetch_related("mentions")
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "pk")
    )


def post_in(group: StudyGroup, pk: int) -> Post:
    return get_object_or_404(
        Post.objects.select_related("thread", "thread__group", "author"), pk=pk, thread__group=group
    )


def posts_in(group: StudyGroup, ids: list[int]) -> list[Post]:
    """All the posts, or 404 if any id is not in this group (a bulk action is all or nothing)."""
    unique = set(ids)
    posts = list(Post.objects.filter(pk__in=unique, thread__group=group).select_related("thread"))
    if not unique or len(posts) != len(unique):
        raise Http404
    return posts


def recent_posts(group: StudyGroup, *, limit: int = 5) -> list[Post]:
    return list(
        Post.objects.filter(thread__group=group, deleted_at__isnull=True)
        .select_related("author", "thread", "thread__group")
        .order_by("-created_at")[:limit]
    )


def mentionable_members(group: StudyGroup) -> QuerySet[GroupMembership]:
    return GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE).select_related("user")


def mention_choices(group: StudyGroup, *, viewer) -> QuerySet:
    """The users a member may mention: the group's other active members, by the name they go by."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(study_memberships__group=group, study_memberships__status=GroupMembership.Status.ACTIVE)
        .exclude(pk=viewer.pk)
        .order_by("display_name", "first_name", "last_name", "pk")
        .distinct()
    )
