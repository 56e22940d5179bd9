from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("", views.consent, name="consent"),
]
