from django.urls import path

from . import views

app_name = "progress"

ORG = "organizations/<slug:slug>/progress/"

urlpatterns = [
    path(ORG, views.organization_dashboard, name="organization"),
    path(ORG + "export/<slug:table>.<str:fmt>", views.organization_export, name="organization_export"),
    path(ORG + "members/<int:user_id>/", views.member_detail, name="member"),
    path(ORG + "assessment/", views.assessment_list, name="assessments"),
    path(ORG + "assessment/start/", views.assessment_start, name="assessment_start"),
    path(ORG + "assessment/<int:pk>/", views.response_detail, name="response"),
    path(ORG + "assessment/<int:pk>/submit/", views.response_submit, name="response_submit"),
    path(ORG + "targets/new/", views.target_create, name="target_create"),
    path(ORG + "targets/<int:pk>/", views.target_edit, name="target_edit"),
    path(ORG + "targets/<int:pk>/status/", views.target_status, name="target_status"),
    path("programme/", views.programme_dashboard, name="programme"),
    path("programme/organizations/", views.programme_organizations, name="programme_organizations"),
    path("programme/export/<slug:table>.<str:fmt>", views.programme_export, name="programme_export"),
]
