from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("accounts/data/", views.data, name="data"),
    path("accounts/data/export/", views.export_request, name="export_request"),
    path("accounts/data/export/<int:pk>/download/", views.export_download, name="export_download"),
    path("accounts/data/delete/", views.erasure_confirm, name="erasure_confirm"),
    path("accounts/data/delete/<int:pk>/cancel/", views.erasure_cancel, name="erasure_cancel"),
    path("accounts/email-preferences/", views.email_preferences, name="email_preferences"),
    path("programme/data-requests/", views.request_log, name="request_log"),
]
