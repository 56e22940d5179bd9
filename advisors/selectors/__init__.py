"""Reads for advisors and consultations, with relations fetched up front, one module per concern.

Access is by relationship: the learner who booked, the advisor, programme staff;
managers of the consultation's organization see the shared outcome only. Anything else
is a 404. Aggregates for the progress app are computed in the database.
"""

from .availability import (
    AVAILABILITY_KINDS,
    availability_entry,
    availability_overview,
    group_slots_by_local_date,
    holidays_ahead,
    reschedule_choices,
    week_of_slots,
)
from .consultations import (
    CONSULTATION_RELATED,
    advisor_dashboard,
    calendar_consultations,
    consultation_for_viewer,
    feed_consultations,
    followed_up_consultation,
    learner_dashboard,
    learner_upcoming,
    recently_cancelled_window,
)
from .home import home_highlights
from .outreach import outreach_for_requester, outreach_for_staff, outreach_for_viewer
from .profiles import advisor_directory, advisor_for_page, advisor_profile_for
from .programme import PROGRAMME_EXPORT_COLUMNS, programme_consultations, programme_export_rows, programme_overview
from .records import (
    managed_organization_outcomes,
)

__all__ = [
    "AVAILABILITY_KINDS",
    "CONSULTATION_RELATED",
    "PROGRAMME_EXPORT_COLUMNS",
    "advisor_dashboard",
    "advisor_directory",
    "advisor_for_page",
    "advisor_profile_for",
    "availability_entry",
    "availability_overview",
    "consultation_for_viewer",
    "calendar_consultations",
    "feed_consultations",
    "followed_up_consultation",
    "group_slots_by_local_date",
    "holidays_ahead",
    "home_highlights",
    "learner_dashboard",
    "learner_upcoming",
    "managed_organization_outcomes",
    "outreach_for_requester",
    "outreach_for_staff",
    "outreach_for_viewer",
    "programme_consultations",
    "programme_export_rows",
    "programme_overview",
    "recently_cancelled_window",
    "reschedule_choices",
    "week_of_slots",
]
