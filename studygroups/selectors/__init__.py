"""Reads for study groups, one module per part of the workspace.

Every workspace read goes through ``workspace_for``: a group's workspace exists only for its active
members, and anyone else gets the same 404 a missing group would give.
"""

from .discussion import (
    POSTS_PER_PAGE,
    mention_choices,
    mentionable_members,
    post_in,
    posts_in,
    recent_posts,
    thread_in,
    thread_posts,
    threads_for,
)
from .documents import document_in, documents_for, version_in
from .groups import (
    Workspace,
    active_members,
    group_by_slug,
    group_for_manager,
    group_list,
    groups_for_user,
    membership_for,
    pending_memberships,
    workspace_for,
    workspace_home,
    workspace_membership,
)
from .meetings import (
    meeting_attendance,
    meeting_in,
    meeting_responses,
    meetings_for,
    meetings_for_feed,
    upcoming_meetings,
)
from .programme import home_highlights
from .reports import chapter_in, chapters_for, report_page_for, report_progress

__all__ = [
    "POSTS_PER_PAGE",
    "Workspace",
    "active_members",
    "chapter_in",
    "chapters_for",
    "document_in",
    "documents_for",
    "group_by_slug",
    "group_for_manager",
    "group_list",
    "groups_for_user",
    "home_highlights",
    "meeting_attendance",
    "meeting_in",
    "meeting_responses",
    "meetings_for",
    "meetings_for_feed",
    "membership_for",
    "mention_choices",
    "mentionable_members",
    "pending_memberships",
    "post_in",
    "posts_in",
    "recent_posts",
    "report_page_for",
    "report_progress",
    "thread_in",
    "thread_posts",
    "threads_for",
    "upcoming_meetings",
    "version_in",
    "workspace_for",
    "workspace_home",
    "workspace_membership",
]
