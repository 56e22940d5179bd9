"""Groups, their members and the workspace: every workspace read starts with ``workspace_for``.

A group's workspace exists only for its active members: anyone else gets the same
404 a missing group would give, so not even the existence of content leaks.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import GroupMembership, StudyGroup
from .discussion import recent_posts
from .documents import documents_for
from .meetings import upcoming_meetings
from .reports import report_page_for, report_progress


@dataclass
class Workspace:
    group: StudyGroup
    membership: GroupMembership

    @property
    def is_facilitator(self) -> bool:
        return self.membership.is_facilitator


def group_list() -> QuerySet[StudyGroup]:
    return (
        StudyGroup.objects.select_related("lead_organization")
        .prefetch_related("capacity_areas")
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=GroupMembership.Status.ACTIVE), distinct=True
            )
        )
        .order_by("-fiscal_year", "title")
    )


def group_by_slug(slug: str) -> StudyGroup:
    return get_object_or_404(
        StudyGroup.objects.select_related("lead_organization").prefetch_related("capacity_areas"), slug=slug
    )


def membership_for(group: StudyGroup, user) -> GroupMembership | None:
    """The user's row in the group, whatever its status (None for anonymous)."""
    if not user.is_authenticated:
        return None
    return GroupMembership.objects.filter(group=group, user=user).select_related("organization").first()


def workspace_for(user, slug: str, *, facilitator: bool = False) -> Workspace:
    """The group and the user's active membership, or 404 for everyone else."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        GroupMembership.objects.select_related("group", "group__lead_organization", "organization")
        .filter(group__slug=slug, user=user, status=GroupMembership.Status.ACTIVE)
        .first()
    )
    if membership is None:
        raise Http404
    workspace = Workspace(group=membership.group, membership=membership)
    if facilitator and not workspace.is_facilitator:
        raise PermissionDenied
    return workspace


def group_for_manager(user, slug: str) -> StudyGroup:
    """Programme staff manage every group's settings; facilitators their own."""
    group = get_object_or_404(StudyGroup, slug=slug)
    if user.is_authenticated and user.is_programme_staff:
        return group
    workspace_for(user, slug, facilitator=True)
    return group


def groups_for_user(user) -> QuerySet[GroupMembership]:
    if not user.is_authenticated:
        return GroupMembership.objects.none()
    return (
        GroupMembership.objects.filter(user=user)
        .exclude(status__in=[GroupMembership.Status.DECLINED, GroupMembership.Status.REMOVED])
        .select_related("group")
        .order_by("group__title")
    )


def active_members(group: StudyGroup) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE)
        .select_related("user", "organization")
        .order_by("-role", "user__first_name", "user__email")
    )


def pending_memberships(group: StudyGroup) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(
            group=group, status__in=[GroupMembership.Status.APPLIED, GroupMembership.Status.INVITED]
        )
        .select_related("user", "organization", "invited_by")
        .order_by("created_at")
    )


def workspace_membership(group: StudyGroup, pk: int) -> GroupMembership:
    return get_object_or_404(GroupMembership.objects.select_related("user", "group"), pk=pk, group=group)


def workspace_home(workspace: Workspace) -> dict:
    """Everything the workspace home shows, in a fixed number of queries."""
    group = workspace.group
    return {
        "upcoming_meetings": upcoming_meetings(group),
        "recent_posts": recent_posts(group),
        "recent_documents": list(documents_for(group)[:5]),
        "report_progress": report_progress(group),
        "report_page": report_page_for(group),
        "member_count": GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE).count(),
        "pending_count": (pending_memberships(group).count() if workspace.is_facilitator else 0),
    }
