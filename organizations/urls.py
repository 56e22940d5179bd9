from django.urls import path

from . import joining_views, views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="list"),
    path("invitations/<str:token>/", views.invitation_respond, name="invitation"),
    path("apply/", joining_views.application_create, name="apply"),
    path("applications/", joining_views.application_list, name="applications"),
    path("applications/<int:pk>/", joining_views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", joining_views.application_edit, name="application_edit"),
    path("<slug:slug>/", views.organization_detail, name="detail"),
    path("<slug:slug>/edit/", views.organization_edit, name="edit"),
    path("<slug:slug>/members/", views.member_list, name="members"),
    path("<slug:slug>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/members/removed/<int:pk>/restore/", views.member_restore, name="member_restore"),
    path("<slug:slug>/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("<slug:slug>/invitations/<int:pk>/resend/", joining_views.invitation_resend, name="invitation_resend"),
    path("<slug:slug>/members/invite/", joining_views.invitations_bulk, name="invitations_bulk"),
    path("<slug:slug>/join/", joining_views.join_request_create, name="join"),
    path("<slug:slug>/join/<int:pk>/withdraw/", joining_views.join_request_withdraw, name="join_withdraw"),
    path("<slug:slug>/join-requests/<int:pk>/approve/", joining_views.join_request_approve, name="join_approve"),
    path("<slug:slug>/join-requests/<int:pk>/decline/", joining_views.join_request_decline, name="join_decline"),
]
