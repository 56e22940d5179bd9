from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from lms import views as lms_views
from organizations import views as organization_views
from policies import views as policy_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", lms_views.health, name="health"),
    path("i18n/setlang/", lms_views.set_language_view, name="set_language"),
    path("calendar/<str:token>.ics", lms_views.calendar_feed, name="calendar_feed"),
]

urlpatterns += i18n_patterns(
    path("accounts/profile/", organization_views.profile, name="profile"),
    path("accounts/calendar/reset/", lms_views.calendar_token_reset, name="calendar_token_reset"),
    path("accounts/consent/", include("policies.urls")),
    path("policies/<slug:kind>/", policy_views.current_policy, name="policy"),
    path("accounts/", include("allauth.urls")),
    path("organizations/", include("organizations.urls")),
    path("", include("courses.urls")),
    path("", include("advisors.urls")),
    path("", include("studygroups.urls")),
    path("", include("placements.urls")),
    path("", include("progress.urls")),
    path("search/", home_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.LMS_BENCH_ENDPOINT:
    # The benchmark's ceiling: a bare view behind the same middleware as every page.
    urlpatterns.insert(0, path("bench/ok/", lms_views.bench_ok))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler404 = "lms.views.error_404"
handler403 = "lms.views.error_403"
handler500 = "lms.views.error_500"
