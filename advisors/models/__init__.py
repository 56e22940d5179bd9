"""Advisors, their availability, and consultations (consultations) with records and feedback.

Split by concern and re-exported here: Django, the migrations (which name
``advisors.models.attachment_path`` and friends) and the rest of the code import from this package.
"""

from .availability import BlockedPeriod, DateOverride, HolidayOpening, WeeklyRule
from .consultations import Consultation, attachment_path, private_storage
from .outreach import OutreachRequest
from .profiles import AdvisorProfile, AdvisorProfileQuerySet, Mode, holiday_country_choices
from .records import ConsultationRecord, Feedback, FollowUp

__all__ = [
    "AdvisorProfile",
    "AdvisorProfileQuerySet",
    "BlockedPeriod",
    "Consultation",
    "ConsultationRecord",
    "DateOverride",
    "Feedback",
    "FollowUp",
    "HolidayOpening",
    "Mode",
    "OutreachRequest",
    "WeeklyRule",
    "attachment_path",
    "holiday_country_choices",
    "private_storage",
]
