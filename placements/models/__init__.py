"""Researcher placements: profiles, requests, work plans, reports and their public pages."""

from .pages import PlacementReportIndexPage, PlacementReportPage
from .placements import Milestone, Placement, PlacementState, PlacementTransition, ResearcherProfile
from .reports import Report, ReportAttachment, ReportComment

__all__ = [
    "Milestone",
    "Placement",
    "PlacementReportIndexPage",
    "PlacementReportPage",
    "PlacementState",
    "PlacementTransition",
    "Report",
    "ReportAttachment",
    "ReportComment",
    "ResearcherProfile",
]
