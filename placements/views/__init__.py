"""Thin views: scope the object to the viewer (404 otherwise), call one service, render.

Split by concern and re-exported here for urls.py.
"""

from .placements import (
    milestone_create,
    milestone_edit,
    placement_detail,
    placement_export,
    placement_list,
    placement_match,
    placement_request,
    placement_transition,
    placement_withdraw,
)
from .reports import (
    attachment_download,
    report_approve,
    report_attachment_add,
    report_comment,
    report_create,
    report_detail,
    report_edit,
    report_request_changes,
    report_submit,
)
from .researchers import (
    researcher_apply,
    researcher_cv,
    researcher_list,
    researcher_status,
)

__all__ = [
    "attachment_download",
    "milestone_create",
    "milestone_edit",
    "placement_detail",
    "placement_export",
    "placement_list",
    "placement_match",
    "placement_request",
    "placement_transition",
    "placement_withdraw",
    "report_approve",
    "report_attachment_add",
    "report_comment",
    "report_create",
    "report_detail",
    "report_edit",
    "report_request_changes",
    "report_submit",
    "researcher_apply",
    "researcher_cv",
    "researcher_list",
    "researcher_status",
]
