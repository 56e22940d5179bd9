"""Every change to a study group goes through these functions, one module per part of the workspace.

Views, management commands, tasks and the demo loader call them; each checks the
rule it enforces and raises ServiceError with a message for the user.
"""

from .discussion import post_create, post_delete, post_edit, post_restore, posts_bulk, thread_create, thread_set_flags
from .documents import document_add_version, document_delete, document_restore, document_upload
from .groups import facilitator_assign, group_create, group_update
from .meetings import (
    meeting_cancel,
    meeting_create,
    meeting_event,
    meeting_record_attendance,
    meeting_record_minutes,
    meeting_respond,
    meeting_send_reminders,
    meeting_update,
)
from .membership import (
    invitation_respond,
    membership_apply,
    membership_decide,
    membership_invite,
    membership_remove,
    membership_set_preference,
    membership_set_role,
)
from .reports import chapter_create, chapter_review, chapter_submit, chapter_update, report_publish

__all__ = [
    "chapter_create",
    "chapter_review",
    "chapter_submit",
    "chapter_update",
    "document_add_version",
    "document_delete",
    "document_restore",
    "document_upload",
    "facilitator_assign",
    "group_create",
    "group_update",
    "invitation_respond",
    "meeting_cancel",
    "meeting_create",
    "meeting_event",
    "meeting_record_attendance",
    "meeting_record_minutes",
    "meeting_respond",
    "meeting_send_reminders",
    "meeting_update",
    "membership_apply",
    "membership_decide",
    "membership_invite",
    "membership_remove",
    "membership_set_preference",
    "membership_set_role",
    "post_create",
    "post_delete",
    "post_edit",
    "post_restore",
    "posts_bulk",
    "report_publish",
    "thread_create",
    "thread_set_flags",
]
