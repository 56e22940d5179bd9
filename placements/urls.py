from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path("placements/", views.placement_list, name="list"),
    path("placements/export.csv", views.placement_export, name="export"),
    path("placements/request/", views.placement_request, name="request"),
    path("placements/<int:pk>/", views.placement_detail, name="detail"),
    path("placements/<int:pk>/match/", views.placement_match, name="match"),
    path("placements/<int:pk>/withdraw/", views.placement_withdraw, name="withdraw"),
    path("placements/<int:pk>/<slug:action>/", views.placement_transition, name="transition"),
    path("placements/<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("placements/<int:pk>/milestones/<int:milestone_pk>/", views.milestone_edit, name="milestone_edit"),
    path("placements/<int:pk>/reports/new/<slug:kind>/", views.report_create, name="report_create"),
    path("placements/reports/<int:pk>/", views.report_detail, name="report"),
    path("placements/reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("placements/reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("placements/reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("placements/reports/<int:pk>/changes/", views.report_request_changes, name="report_changes"),
    path("placements/reports/<int:pk>/comments/", views.report_comment, name="report_comment"),
    path("placements/reports/<int:pk>/attachments/", views.report_attachment_add, name="report_attachment_add"),
    path("placements/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("placements/researchers/", views.researcher_list, name="researchers"),
    path("placements/researchers/apply/", views.researcher_apply, name="researcher_apply"),
    path("placements/researchers/<int:pk>/status/", views.researcher_status, name="researcher_status"),
    path("placements/researchers/<int:pk>/cv/", views.researcher_cv, name="researcher_cv"),
]
