"""Writes for advisors and consultations, one module per concern (bookings, records, availability, outreach).

Anything that takes advisor time takes the advisor's row lock and re-checks the rules first:
see ``bookings``.
"""

from .availability import (
    availability_entry_delete,
    blocked_period_add,
    date_override_add,
    holiday_close,
    holiday_open,
    weekly_rule_add,
)
from .bookings import (
    CONFLICT_SQLSTATES,
    booking_cancel,
    booking_confirm,
    booking_create,
    booking_decline,
    booking_mark_no_show,
    booking_reschedule,
    can_cancel,
    taken_message,
)
from .outreach import outreach_assign, outreach_confirm, outreach_report
from .records import feedback_create, follow_up_set_done, record_save

__all__ = [
    "CONFLICT_SQLSTATES",
    "availability_entry_delete",
    "blocked_period_add",
    "booking_cancel",
    "booking_confirm",
    "booking_create",
    "booking_decline",
    "booking_mark_no_show",
    "booking_reschedule",
    "can_cancel",
    "date_override_add",
    "feedback_create",
    "follow_up_set_done",
    "holiday_close",
    "holiday_open",
    "outreach_assign",
    "outreach_confirm",
    "outreach_report",
    "record_save",
    "taken_message",
    "weekly_rule_add",
]
