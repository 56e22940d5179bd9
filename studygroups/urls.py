from django.urls import path

from . import views

app_name = "studygroups"

P = "study-groups/<slug:slug>/"

urlpatterns = [
    path("study-groups/", views.group_list, name="list"),
    path("study-groups/new/", views.group_create, name="create"),
    path(P, views.group_detail, name="detail"),
    path(P + "edit/", views.group_edit, name="edit"),
    path(P + "apply/", views.group_apply, name="apply"),
    path(P + "invitation/", views.invitation_respond, name="invitation"),
    path(P + "members/", views.members, name="members"),
    path(P + "members/<int:pk>/<str:action>/", views.member_action, name="member_action"),
    path(P + "preferences/", views.preferences, name="preferences"),
    path(P + "meetings/", views.meeting_list, name="meetings"),
    path(P + "meetings/new/", views.meeting_create, name="meeting_create"),
    path(P + "meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path(P + "meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path(P + "meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path(P + "meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path(P + "meetings/<int:pk>/rsvp/", views.meeting_rsvp, name="meeting_rsvp"),
    path(P + "meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path(P + "meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path(P + "threads/", views.thread_list, name="threads"),
    path(P + "threads/new/", views.thread_create, name="thread_create"),
    path(P + "threads/<int:pk>/", views.thread_detail, name="thread"),
    path(P + "threads/<int:pk>/flags/", views.thread_flags, name="thread_flags"),
    path(P + "posts/bulk/", views.posts_bulk, name="posts_bulk"),
    path(P + "posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path(P + "posts/<int:pk>/history/", views.post_history, name="post_history"),
    path(P + "posts/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path(P + "posts/<int:pk>/restore/", views.post_restore, name="post_restore"),
    path(P + "documents/", views.document_list, name="documents"),
    path(P + "documents/<int:pk>/", views.document_detail, name="document"),
    path(P + "documents/<int:pk>/v<int:version>/download/", views.version_download, name="version_download"),
    path(P + "documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path(P + "documents/<int:pk>/restore/", views.document_restore, name="document_restore"),
    path(P + "report/", views.report, name="report"),
    path(P + "report/chapters/new/", views.chapter_create, name="chapter_create"),
    path(P + "report/chapters/<int:pk>/", views.chapter_detail, name="chapter"),
    path(P + "report/chapters/<int:pk>/submit/", views.chapter_submit, name="chapter_submit"),
    path(P + "report/chapters/<int:pk>/review/", views.chapter_review, name="chapter_review"),
    path(P + "report/publish/", views.report_publish, name="report_publish"),
]
