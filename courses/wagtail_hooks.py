"""Admin views over learner records: read-mostly lists with filters for programme staff."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Certificate, Enrollment, SeminarRegistration, SessionFeedback


class EnrollmentViewSet(ModelViewSet):
    model = Enrollment
    icon = "user"
    menu_label = _("Enrollments")
    list_display = ["user", "course", "organization", "status", "enrolled_at", "completed_at"]
    list_filter = ["status", "course"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    form_fields = ["status"]
    add_to_admin_menu = False


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "tick-inverse"
    menu_label = _("Certificates")
    list_display = ["learner_name", "course_title", "issued_at", "revoked_at"]
    list_filter = ["issued_at"]
    search_fields = ["learner_name", "course_title", "code"]
    form_fields = ["revocation_reason"]
    add_to_admin_menu = False


class SeminarRegistrationViewSet(ModelViewSet):
    model = SeminarRegistration
    icon = "date"
    menu_label = _("Seminar registrations")
    list_display = ["user", "session", "organization", "status", "requested_at", "attended"]
    list_filter = ["status", "attended"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    form_fields = ["attended"]
    add_to_admin_menu = False


class SessionFeedbackViewSet(ModelViewSet):
    model = SessionFeedback
    icon = "openquote"
    menu_label = _("Seminar feedback")
    list_display = ["registration", "rating", "submitted_at"]
    list_filter = ["rating"]
    form_fields = ["rating", "comments"]
    add_to_admin_menu = False


class LearningViewSetGroup(ModelViewSetGroup):
    menu_label = _("Learning records")
    menu_icon = "folder-open-inverse"
    items = (EnrollmentViewSet, CertificateViewSet, SeminarRegistrationViewSet, SessionFeedbackViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return LearningViewSetGroup()
