"""Writes for advisors and consultations, one module per concern (consultations, records, availability, outreach).

Anything that takes advisor time takes the advisor's row lock and re-checks the rules first:
see ``consultations``.
"""

from .availability import (
    availability_entry_delete,
    blocked_period_add,
    date_override_add,
    holiday_close,
    holiday_open,
    weekly_rule_add,
)
from .consultations import (
    CONFLICT_SQLSTATES,
    can_cancel,
    consultation_cancel,
    consultation_confirm,
    consultation_create,
    consultation_decline,
    consultation_mark_no_show,
    consultation_reschedule,
    taken_message,
)
from .outreach import outreach_assign, outreach_confirm, outreach_report, outreach_request_create
from .records import feedback_create, follow_up_set_done, record_save

__all__ = [
    "CONFLICT_SQLSTATES",
    "availability_entry_delete",
    "blocked_period_add",
    "consultation_cancel",
    "consultation_confirm",
    "consultation_create",
    "consultation_decline",
    "consultation_mark_no_show",
    "consultation_reschedule",
    "can_cancel",
    "date_override_add",
    "feedback_create",
    "follow_up_set_done",
    "holiday_close",
    "holiday_open",
    "outreach_assign",
    "outreach_confirm",
    "outreach_report",
    "outreach_request_create",
    "record_save",
    "taken_message",
    "weekly_rule_add",
]
