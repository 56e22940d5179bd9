from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudygroupsConfig(AppConfig):
    name = "studygroups"
    verbose_name = _("NGO Study Groups")

    def ready(self):
        from wagtail.signals import page_published

        from lms.calendar import register_feed_provider

        from .feeds import member_meetings
        from .models import StudyGroupReportPage
        from .signals import report_published

        register_feed_provider(member_meetings)
        page_published.connect(
            report_published, sender=StudyGroupReportPage, dispatch_uid="studygroups_report_published"
        )

        from lms.home import register_needs_provider, register_progress_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
        register_progress_provider(personal.progress)
