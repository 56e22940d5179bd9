"""Every write to placements, split by concern and re-exported here: the state machine, researchers,
the work plan, reports and their publication.

Each transition is one service with its rules (who may do it, from which states). A refused
transition raises ServiceError before anything is written, so nothing changes.
"""

from .milestones import (
    milestone_create,
    milestone_send_reminders,
    milestone_update,
)
from .publication import (
    report_index_page,
    report_publish,
)
from .reports import (
    report_add_attachment,
    report_approve,
    report_comment,
    report_create,
    report_request_changes,
    report_submit,
    report_update,
)
from .researchers import (
    researcher_apply,
    researcher_set_status,
)
from .transitions import (
    ROLE_NAMES,
    RULES,
    TRANSITION_SERVICES,
    Rule,
    allowed_actions,
    placement_activate,
    placement_approve,
    placement_complete,
    placement_decline,
    placement_match,
    placement_request,
    placement_withdraw,
)

__all__ = [
    "ROLE_NAMES",
    "RULES",
    "Rule",
    "TRANSITION_SERVICES",
    "allowed_actions",
    "milestone_create",
    "milestone_send_reminders",
    "milestone_update",
    "placement_activate",
    "placement_approve",
    "placement_complete",
    "placement_decline",
    "placement_match",
    "placement_request",
    "placement_withdraw",
    "report_add_attachment",
    "report_approve",
    "report_comment",
    "report_create",
    "report_index_page",
    "report_publish",
    "report_request_changes",
    "report_submit",
    "report_update",
    "researcher_apply",
    "researcher_set_status",
]
