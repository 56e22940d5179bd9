"""What researcher placements contribute to the progress dashboards (registered in PlacementsConfig.ready)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import batch, figures, timeline
from lms.figures import Event
from lms.measures import Measure, Period, Scope, Table
from lms.pages import public_q
from lms.translations import canonical_q
from organizations.models import CapacityArea
from organizations.vocabulary import localize_name

from .models import Placement, PlacementReportPage, PlacementState, PlacementTransition, Report

STARTED = Measure(
    name="placements",
    label=gettext_lazy("Placements started"),
    records=lambda: Placement.objects.all(),
    when="start_date",
    dates=True,
    person="",
    area="capacity_area",
    doc="Placements (requested or further, in any state) hosted by the organization, dated by their start date, "
    "in their field.",
)
COMPLETED = Measure(
    name="placements_completed",
    label=gettext_lazy("Placements completed"),
    records=lambda: Placement.objects.filter(state=Placement.State.COMPLETED),
    when="end_date",
    dates=True,
    person="",
    area="capacity_area",
    doc="Placements that reached the end of their work (state completed), dated by their end date, in their field.",
)

# Placements still waiting to start: a request made now is usually for the next fiscal year (June to March).
PENDING_STATES = (Placement.State.REQUESTED, Placement.State.MATCHED, Placement.State.APPROVED)


def _later(period: Period) -> Q:
    """Placements still pending that start after the period (none when the period is all time)."""
    if not period.bounded:
        return Q(pk__in=[])
    return Q(state__in=PENDING_STATES, start_date__gt=period.dates()[1])


class PlacementsProvider(figures.Provider):
    """NGO Researcher placements. ``placements``: placements started; ``placements_completed``: placements
    completed (see their docs). Placements belong to an organization, never to one member."""

    key = "placements"
    label = gettext_lazy("NGO Researcher placements")
    order = 50
    measures = (STARTED, COMPLETED)
    headline = "placements"
    organization_table_keys = ("placements",)
    programme_table_keys = ("placement_states",)
    counted = {
        "placements.Placement": lambda r: r.organization_id,
        "placements.PlacementTransition": lambda r: r.placement.organization_id,
    }

    def organization_tables_later(self, scope: Scope, period: Period) -> batch.Later[dict[str, Table]]:
        """The organization's placements overlapping the period (running in it at any time, not only those
        starting in it), with their shared reports counted in the same query."""
        placements = (
            STARTED.queryset(scope)
            .select_related("capacity_area", "researcher")
            .annotate(shared_reports=Count("reports", filter=~Q(reports__status=Report.Status.DRAFT)))
            .order_by("-start_date")
        )
        if period.bounded:
            first, last = period.dates()
            placements = placements.filter(start_date__lte=last, end_date__gte=first)
        return batch.Later(lambda: {"placements": self._placements_table(placements)}, [placements])

    def _placements_table(self, placements) -> Table:
        table = Table(
            key="placements",
            caption=_("Researcher placements"),
            columns=[_("Field"), _("Researcher"), _("Start"), _("End"), _("State"), _("Reports shared")],
            empty=_("No researcher placement in this period."),
        )
        for placement in placements:
            table.rows.append(
                [
                    str(placement.capacity_area),
                    str(placement.researcher or _("Not matched yet")),
                    placement.start_date,
                    placement.end_date,
                    placement.get_state_display(),
                    placement.shared_reports,
                ]
            )
            table.links.append(placement.get_absolute_url())
        return table

    def programme_figures(self, scope: Scope, period: Period) -> dict:
        """``placements_later``: pending placements starting after the period, which the period's figures miss."""
        if not period.bounded:
            return {"placements_later": 0}
        return {"placements_later": STARTED.queryset(scope).filter(_later(period)).count()}

    def programme_tables(self, scope: Scope, period: Period) -> dict[str, Table]:
        """Placements starting in the period by state; those still pending count too when they start later, so the
        requests programme staff must act on never read 0 while they wait for next year. A column says how many
        of each are for a later year."""
        later = _later(period)
        placements = STARTED.queryset(scope)
        if period.bounded:
            placements = placements.filter(STARTED.in_period(period) | later)
        counts = {
            row["state"]: row
            for row in placements.values("state").annotate(n=Count("pk"), later=Count("pk", filter=later)).order_by()
        }
        table = Table(
            key="placement_states",
            caption=_("Researcher placements by state"),
            columns=[_("State"), _("Placements"), _("Of which for a later fiscal year")],
        )
        for value, label in Placement.State.choices:
            row = counts.get(value, {})
            table.rows.append([label, row.get("n", 0), row.get("later", 0)])
            year = f"&fy={period.fy}" if period.fy and value not in PENDING_STATES else ""
            table.links.append(reverse("placements:list") + f"?state={value}" + year)
        return {"placement_states": table}

    def timeline_rows(self, scope: Scope, period: Period):
        """The placements' state changes; a member's timeline has none (a placement is no one member's)."""
        if scope.member is not None:
            return None
        transitions = PlacementTransition.objects.filter(
            scope.organization_q("placement__organization"), period.q("created_at")
        )
        if scope.area:
            transitions = transitions.filter(placement__capacity_area__slug=scope.area)
        return timeline.columns(
            transitions,
            when="created_at",
            subject_id="placement_id",
            subject="placement__capacity_area__name",
            extra="to_state",
        )

    def timeline_events(self, rows: list[timeline.Row]) -> list[Event]:
        states = dict(PlacementState.choices)
        return [
            Event(
                when=row.when,
                kind=_("Placement"),
                text=_("Placement in %(field)s: %(state)s")
                % {"field": localize_name(CapacityArea, row.subject), "state": states.get(row.extra, row.extra)},
                url=Placement(pk=row.subject_id).get_absolute_url(),
            )
            for row in rows
        ]

    def recommendations_later(self, area_ids: list[int], limit: int) -> batch.Later[dict[str, list]]:
        """Researchers' published reports in the areas: three at most, whatever ``limit`` the others use."""
        return batch.lists(
            reports=PlacementReportPage.objects.live()
            .filter(public_q(), canonical_q(), capacity_area__in=area_ids)
            .select_related("organization")
            .order_by("-first_published_at")[:3]
        )
