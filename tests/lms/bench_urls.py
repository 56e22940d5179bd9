"""The project's URLs with the benchmark's ceiling (``/bench/ok/``) switched on, as ``make bench`` serves them."""

from django.urls import path

from lms import views as lms_views
from lms.urls import *  # noqa: F403
from lms.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("bench/ok/", lms_views.bench_ok), *project_urlpatterns]
