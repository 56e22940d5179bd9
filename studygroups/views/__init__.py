"""Thin views: parse, check access through selectors, call one service, render.

Every workspace view starts with ``selectors.workspace_for`` (404 for non-members);
every object is then looked up inside that group, so an id from another group is a 404.
"""

from .discussion import (
    post_delete,
    post_edit,
    post_history,
    post_restore,
    posts_bulk,
    thread_create,
    thread_detail,
    thread_flags,
    thread_list,
)
from .documents import document_delete, document_detail, document_list, document_restore, version_download
from .groups import (
    group_apply,
    group_create,
    group_detail,
    group_edit,
    group_list,
    invitation_respond,
    member_action,
    members,
    preferences,
)
from .meetings import (
    meeting_attendance,
    meeting_cancel,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_ics,
    meeting_list,
    meeting_minutes,
    meeting_rsvp,
)
from .reports import chapter_create, chapter_detail, chapter_review, chapter_submit, report, report_publish

__all__ = [
    "chapter_create",
    "chapter_detail",
    "chapter_review",
    "chapter_submit",
    "document_delete",
    "document_detail",
    "document_list",
    "document_restore",
    "group_apply",
    "group_create",
    "group_detail",
    "group_edit",
    "group_list",
    "invitation_respond",
    "meeting_attendance",
    "meeting_cancel",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_list",
    "meeting_minutes",
    "meeting_rsvp",
    "member_action",
    "members",
    "post_delete",
    "post_edit",
    "post_history",
    "post_restore",
    "posts_bulk",
    "preferences",
    "report",
    "report_publish",
    "thread_create",
    "thread_detail",
    "thread_flags",
    "thread_list",
    "version_download",
]
