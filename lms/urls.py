from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from lms import outbox_views
from lms import views as lms_views
from organizations import views as organization_views
from policies import views as policy_views
from privacy import views as privacy_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", lms_views.health, name="health"),
    path("i18n/setlang/", lms_views.set_language_view, name="set_language"),
    path("calendar/event/<slug:kind>/<int:pk>.ics", lms_views.event_ics, name="calendar_event_ics"),
    path("calendar/<str:token>.ics", lms_views.calendar_feed, name="calendar_feed"),
    # No language prefix: mail clients post here (RFC 8058 one-click), and a redirect would lose the POST.
    path("email/unsubscribe/<str:token>/", privacy_views.unsubscribe, name="email_unsubscribe"),
]

urlpatterns += i18n_patterns(
    path("accounts/profile/", organization_views.profile, name="profile"),
    path("accounts/calendar/reset/", lms_views.calendar_token_reset, name="calendar_token_reset"),
    path("calendar/", lms_views.personal_calendar, name="calendar"),
    path("", include("privacy.urls")),
    path("accounts/consent/", include("policies.urls")),
    path("policies/<slug:kind>/", policy_views.current_policy, name="policy"),
    path("accounts/", include("allauth.urls")),
    path("organizations/", include("organizations.urls")),
    path("programme/emails/", outbox_views.outbox_list, name="outbox"),
    path("programme/emails/<int:pk>/retry/", outbox_views.outbox_retry, name="outbox_retry"),
    path("", include("courses.urls")),
    path("", include("advisors.urls")),
    path("", include("studygroups.urls")),
    path("", include("placements.urls")),
    path("", include("progress.urls")),
    path("search/", home_views.search, name="search"),
    path("dashboard/", home_views.dashboard, name="dashboard"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.LMS_BENCH_ENDPOINT:
    # The benchmark's ceiling: a bare view behind the same middleware as every page.
    urlpatterns.insert(0, path("bench/ok/", lms_views.bench_ok))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "lms.views.error_400"
handler404 = "lms.views.error_404"
handler403 = "lms.views.error_403"
handler500 = "lms.views.error_500"
