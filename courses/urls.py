from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("learning/", views.learning, name="learning"),
    path("learning/courses/<int:course_id>/enroll/", views.course_enroll, name="enroll"),
    path("learning/courses/<int:course_id>/withdraw/", views.course_withdraw, name="withdraw"),
    path("learning/lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("learning/lessons/<int:lesson_id>/quiz/", views.quiz_submit, name="quiz_submit"),
    path("learning/enrollment-requests/", views.enrollment_requests, name="enrollment_requests"),
    path("learning/courses/<int:course_id>/complete/", views.course_complete, name="course_complete"),
    path("certificates/", views.certificate_lookup, name="certificate_lookup"),
    path("certificates/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("certificates/<str:code>/print/", views.certificate_print, name="certificate_print"),
    path("certificates/<str:code>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:code>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("certificates/<str:code>/reinstate/", views.certificate_reinstate, name="certificate_reinstate"),
]

urlpatterns += [
    path("seminar-sessions/<int:session_id>/register/", views.session_register, name="session_register"),
    path("seminar-sessions/<int:session_id>/roster/", views.session_roster, name="session_roster"),
    path("seminar-sessions/<int:session_id>/roster/print/", views.session_roster_print, name="session_roster_print"),
    path("seminar-sessions/<int:session_id>/roster.csv", views.session_roster_csv, name="session_roster_csv"),
    path("seminar-registrations/<int:registration_id>/cancel/", views.registration_cancel, name="registration_cancel"),
    path(
        "seminar-registrations/<int:registration_id>/feedback/",
        views.registration_feedback,
        name="registration_feedback",
    ),
]
