from django.urls import path

from . import views

app_name = "advisors"

urlpatterns = [
    path("advisors/", views.directory, name="directory"),
    path("advisors/<slug:slug>/", views.advisor_detail, name="detail"),
    path("advisors/<slug:slug>/book/", views.book, name="book"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/availability/", views.availability_manage, name="availability"),
    path("consultations/availability/holidays/", views.availability_holiday, name="availability_holiday"),
    path(
        "consultations/availability/<str:kind>/<int:pk>/delete/",
        views.availability_delete,
        name="availability_delete",
    ),
    path("consultations/programme/", views.programme_overview, name="programme"),
    path("consultations/programme/export.csv", views.programme_export, name="programme_export"),
    path("consultations/outreach/", views.outreach_list, name="outreach"),
    path("consultations/outreach/<int:pk>/", views.outreach_detail, name="outreach_detail"),
    path("consultations/follow-ups/<int:pk>/", views.follow_up_toggle, name="follow_up_toggle"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/confirm/", views.consultation_confirm, name="confirm"),
    path("consultations/<int:pk>/decline/", views.consultation_decline, name="decline"),
    path("consultations/<int:pk>/cancel/", views.consultation_cancel, name="cancel"),
    path("consultations/<int:pk>/reschedule/", views.consultation_reschedule, name="reschedule"),
    path("consultations/<int:pk>/record/", views.consultation_record, name="record"),
    path("consultations/<int:pk>/no-show/", views.consultation_no_show, name="no_show"),
    path("consultations/<int:pk>/feedback/", views.consultation_feedback, name="feedback"),
    path("consultations/<int:pk>/attachment/", views.consultation_attachment, name="attachment"),
]
