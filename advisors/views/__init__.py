"""Thin views for advisors and consultations: parse, check access through selectors, call one service, render."""

from .availability import availability_delete, availability_holiday, availability_manage
from .consultations import (
    consultation_attachment,
    consultation_cancel,
    consultation_confirm,
    consultation_decline,
    consultation_detail,
    consultation_feedback,
    consultation_list,
    consultation_no_show,
    consultation_record,
    consultation_reschedule,
    follow_up_toggle,
)
from .outreach import outreach_detail, outreach_list
from .profiles import advisor_detail, book, directory
from .programme import programme_export, programme_overview

__all__ = [
    "advisor_detail",
    "availability_delete",
    "availability_holiday",
    "availability_manage",
    "book",
    "consultation_attachment",
    "consultation_cancel",
    "consultation_confirm",
    "consultation_decline",
    "consultation_detail",
    "consultation_feedback",
    "consultation_list",
    "consultation_no_show",
    "consultation_record",
    "consultation_reschedule",
    "directory",
    "follow_up_toggle",
    "outreach_detail",
    "outreach_list",
    "programme_export",
    "programme_overview",
]
