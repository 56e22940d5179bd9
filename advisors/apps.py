from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisorsConfig(AppConfig):
    name = "advisors"
    verbose_name = _("NGO Advisors")

    def ready(self):
        from lms.calendar import register_event_source, register_feed_provider

        from . import search
        from .feeds import consultation_event_for, consultation_events

        register_feed_provider(consultation_events)
        register_event_source("consultation", consultation_event_for)
        search.connect()

        from lms import personal_data

        from . import personal_data as provider

        personal_data.register_export_provider(provider.export)
        personal_data.register_erasure_provider(provider.erase)
        personal_data.register_retention_provider(provider.retention)

        from lms.home import register_needs_provider, register_progress_provider, register_tools_provider

        from . import personal

        register_tools_provider(personal.tools)
        register_needs_provider(personal.needs)
        register_progress_provider(personal.progress)

        from lms import figures

        from .progress import ConsultationsProvider

        figures.register(ConsultationsProvider())

        _cache_public_pages()


PUBLIC_PAGES_GENERATION = "page-cache:advisors"


def _cache_public_pages():
    """The directory and advisor pages are served to anonymous visitors from the page cache.

    Anything that changes an open slot or what the pages show retires them all: at once, and again
    when the change commits, so a request racing the transaction cannot store the old slots for long.
    A minute's lifetime bounds what the clock alone changes (a slot passing its notice period).
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from lms import page_cache, personal_cache
    from lms.cache_versions import bump_until_committed

    from .models import AdvisorProfile, BlockedPeriod, Consultation, DateOverride, HolidayOpening, WeeklyRule

    page_cache.register_family(
        prefix="/advisors/",
        view_names={"advisors:directory", "advisors:detail"},
        generation_key=PUBLIC_PAGES_GENERATION,
        seconds=60,
    )

    def changed(**kwargs):
        bump_until_committed(PUBLIC_PAGES_GENERATION)

    for model in (AdvisorProfile, WeeklyRule, DateOverride, HolidayOpening, BlockedPeriod, Consultation):
        post_save.connect(changed, sender=model, dispatch_uid=f"advisor-pages-save-{model._meta.label}", weak=False)
        post_delete.connect(changed, sender=model, dispatch_uid=f"advisor-pages-delete-{model._meta.label}", weak=False)
    m2m_changed.connect(
        changed, sender=AdvisorProfile.expertise.through, dispatch_uid="advisor-pages-expertise", weak=False
    )

    from .models import FollowUp

    personal_cache.watch(Consultation, lambda consultation: [consultation.advisor.user_id])  # on the advisor's home
    personal_cache.watch(  # on the learner's and the advisor's homes, done by either or by programme staff
        FollowUp, lambda follow_up: [follow_up.consultation.learner_id, follow_up.consultation.advisor.user_id]
    )
