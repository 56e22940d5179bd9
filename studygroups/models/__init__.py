"""Study group workspaces: groups and members, meetings, discussion, documents, report."""

from .discussion import Post, PostRevision, Thread
from .documents import Document, DocumentVersion
from .groups import GroupMembership, StudyGroup
from .meetings import Meeting, MeetingAttendance, MeetingResponse
from .pages import StudyGroupReportIndexPage, StudyGroupReportPage
from .reports import ReportChapter

__all__ = [
    "Document",
    "DocumentVersion",
    "GroupMembership",
    "Meeting",
    "MeetingAttendance",
    "MeetingResponse",
    "Post",
    "PostRevision",
    "ReportChapter",
    "StudyGroup",
    "StudyGroupReportIndexPage",
    "StudyGroupReportPage",
    "Thread",
]
