"""Programme staff manage advisor profiles and outreach in the admin.

Consultations themselves change only through the site's pages, where the consultation rules, the
collision guarantees and the emails apply; staff see them all at /consultations/programme/.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AdvisorProfile, OutreachRequest


class AdvisorProfileViewSet(SnippetViewSet):
    model = AdvisorProfile
    icon = "user"
    menu_label = _("Advisors")
    list_display = ["__str__", "region", "time_zone", "accepting_consultations", "auto_confirm", "is_active"]
    list_filter = ["region", "accepting_consultations", "is_active", "expertise"]
    search_fields = ["slug", "office", "headline", "user__email", "user__last_name"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("user"), FieldPanel("slug"), FieldPanel("photo"), FieldPanel("headline"), FieldPanel("bio")],
            heading=_("Profile"),
        ),
        MultiFieldPanel(
            [FieldPanel("office"), FieldPanel("region"), FieldPanel("expertise"), FieldPanel("languages")],
            heading=_("Office and expertise"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("offers_in_person"),
                FieldPanel("offers_phone"),
                FieldPanel("offers_online"),
                FieldPanel("offers_email"),
                FieldPanel("time_zone"),
                FieldPanel("accepting_consultations"),
                FieldPanel("auto_confirm"),
                FieldPanel("slot_minutes"),
                FieldPanel("buffer_minutes"),
                FieldPanel("min_notice_hours"),
                FieldPanel("consultation_window_days"),
                FieldPanel("max_per_day"),
                FieldPanel("cancellation_deadline_hours"),
            ],
            heading=_("Consultation rules"),
        ),
        MultiFieldPanel(
            [FieldPanel("meeting_link"), FieldPanel("phone_arrangement"), FieldPanel("room")],
            heading=_("Arrangements"),
        ),
        FieldPanel("is_active"),
    ]


class OutreachViewSet(SnippetViewSet):
    model = OutreachRequest
    icon = "site"
    menu_label = _("Outreach")
    list_display = ["requester_name", "theme", "event_date", "advisor", "status"]
    list_filter = ["status", "format", "requester_kind"]
    search_fields = ["requester_name", "theme", "place"]


class AdvisorsGroup(SnippetViewSetGroup):
    items = (AdvisorProfileViewSet, OutreachViewSet)
    menu_icon = "group"
    menu_label = _("NGO Advisors")
    menu_name = "ngo-advisors"


register_snippet(AdvisorsGroup)
