"""An organization's timeline: the latest capacity-building events of every kind, newest first."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms import batch, figures
from lms import timeline as lms_timeline
from lms.figures import Event
from lms.measures import Period, Scope, Table
from organizations.models import Organization, User

from ..models import AssessmentResponse
from .common import NEW_MEMBERS, TIMELINE_LENGTH, in_year


def organization_scope(organization: Organization, member: User | None = None) -> Scope:
    return Scope(organizations=organization.pk, member=member.pk if member is not None else None)


def _joined(rows: list[lms_timeline.Row]) -> list[Event]:
    return [Event(when=row.when, kind=_("Member"), text=_("%(name)s joined") % {"name": row.person}) for row in rows]


def _submitted(organization: Organization):
    def events(rows: list[lms_timeline.Row]) -> list[Event]:
        return [
            Event(
                when=row.when,
                kind=_("Self-assessment"),
                text=_("Self-assessment submitted by %(name)s") % {"name": row.person or "-"},
                url=reverse("progress:response", kwargs={"slug": organization.slug, "pk": row.subject_id}),
            )
            for row in rows
        ]

    return events


def timeline(organization: Organization, fy: int | None, member: User | None) -> list[Event]:
    """The latest capacity-building events of every kind, merged, in one query (lms.timeline)."""
    return timeline_later(organization, fy, member).value()


def timeline_later(organization: Organization, fy: int | None, member: User | None) -> batch.Later[list[Event]]:
    scope, period = organization_scope(organization, member), Period.year(fy)
    sources = [(_joined, lms_timeline.columns(NEW_MEMBERS.queryset(scope, period), when="joined_at", person="user"))]
    sources += [(provider.timeline_events, provider.timeline_rows(scope, period)) for provider in figures.providers()]
    if member is None:
        responses = AssessmentResponse.objects.filter(
            organization=organization, status=AssessmentResponse.Status.SUBMITTED
        ).filter(in_year("submitted_at", fy))
        sources.append(
            (
                _submitted(organization),
                lms_timeline.columns(responses, when="submitted_at", person="submitted_by", subject_id="pk"),
            )
        )
    return lms_timeline.later(sources, TIMELINE_LENGTH)


def timeline_table(events: list[dict]) -> Table:
    table = Table(
        key="timeline",
        caption=_("Timeline of capacity-building activity"),
        columns=[pgettext("date column", "When"), _("Kind"), _("What")],
        empty=_("Nothing recorded in this period yet."),
    )
    for event in events:
        table.rows.append([timezone.localtime(event.when).date(), event.kind, event.text])
    return table
