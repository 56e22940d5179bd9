from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudygroupsConfig(AppConfig):
    name = "studygroups"
    verbose_name = _("NGO Study Groups")

    def ready(self):
        from wagtail.signals import page_published

        from lms.calendar import register_event_source, register_feed_provider

        from . import search
        from .feeds import member_meeting_event, member_meetings
        from .models import StudyGroupReportPage
        from .signals import report_published

        register_feed_provider(member_meetings)
        register_event_source("meeting", member_meeting_event)
        search.connect()

        from lms import personal_cache

        from .models import GroupMembership, Meeting

        personal_cache.watch(  # a facilitator's meeting is on every member's home and calendar
            Meeting,
            lambda meeting: GroupMembership.objects.filter(group_id=meeting.group_id).values_list("user_id", flat=True),
        )

        from lms import personal_data

        from . import personal_data as provider

        personal_data.register_export_provider(provider.export)
        personal_data.register_erasure_provider(provider.erase)
        personal_data.register_retention_provider(provider.retention)

        from lms.protection import keep_in_admin

        from .models import StudyGroup

        keep_in_admin(StudyGroup, GroupMembership)
        page_published.connect(
            report_published, sender=StudyGroupReportPage, dispatch_uid="studygroups_report_published"
        )

        from lms.home import register_needs_provider, register_progress_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
        register_progress_provider(personal.progress)

        from lms import figures

        from .progress import StudyGroupsProvider

        figures.register(StudyGroupsProvider())
