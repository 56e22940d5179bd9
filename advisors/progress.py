"""What consultations contribute to the progress dashboards (registered in AdvisorsConfig.ready)."""

from django.db.models import Avg, Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import batch, figures, timeline
from lms.figures import Event
from lms.measures import Measure, Period, Scope, Table
from organizations.models import CapacityArea, Region
from organizations.vocabulary import localize_name

from .models import AdvisorProfile, Consultation, ConsultationRecord, FollowUp


def _held():
    return Consultation.objects.filter(status=Consultation.Status.COMPLETED)


def _booked():
    return Consultation.objects.exclude(status__in=Consultation.INACTIVE)


HELD = Measure(
    name="consultations",
    label=gettext_lazy("Consultations held"),
    member_label=gettext_lazy("Consultations held"),
    records=_held,
    when="start",
    person="learner",
    area="topic",
    doc="Consultations that took place (status completed), dated by their start, counted for the learner and the "
    "organization they booked for, in the capacity area of their topic.",
)

# The "Booked" columns: not headline figures, but scoped and dated exactly like the measure they contain.
_BOOKED = Measure(
    name="consultations_booked",
    label=gettext_lazy("Booked"),
    records=_booked,
    when="start",
    person="learner",
    area="topic",
    doc="Consultations requested and not declined or cancelled (pending, confirmed, completed, no-show), "
    "dated by their start.",
)


class ConsultationsProvider(figures.Provider):
    """Consultations with NGO advisors. ``consultations``: consultations held (see its doc)."""

    key = "consultations"
    label = gettext_lazy("Consultations with NGO advisors")
    order = 30
    measures = (HELD,)
    headline = "consultations"
    organization_table_keys = ("consultations", "outcomes")
    programme_table_keys = ("advisors", "topics", "advisor_regions")
    counted = {
        "advisors.Consultation": lambda r: r.organization_id,
        "advisors.ConsultationRecord": lambda r: r.consultation.organization_id,
        "advisors.FollowUp": lambda r: r.consultation.organization_id,
    }
    shared = ("advisors.AdvisorProfile",)

    def organization_figures_later(self, scope: Scope, period: Period) -> batch.Later[dict]:
        booked = _BOOKED.queryset(scope, period)
        open_follow_ups = batch.aggregate(
            FollowUp.objects.filter(consultation__in=booked.values("pk"), done=False), n=Count("pk")
        )
        return batch.Later(lambda: {"open_follow_ups": batch.aggregated(open_follow_ups)["n"]}, [open_follow_ups])

    def organization_tables_later(self, scope: Scope, period: Period) -> batch.Later[dict[str, Table]]:
        """By topic (booked and held) and by outcome of the consultation record, in one grouped query (a
        consultation has at most one record, so the join never multiplies rows)."""
        outcomes = ConsultationRecord.Outcome.choices
        rows = (
            _BOOKED.queryset(scope, period)
            .values("topic__name")
            .annotate(
                total=Count("pk"),
                held=Count("pk", filter=Q(status=Consultation.Status.COMPLETED)),
                **{
                    f"outcome_{i}": Count("pk", filter=Q(record__outcome=value))
                    for i, (value, _l) in enumerate(outcomes)
                },
            )
            .order_by("-total", "topic__name")
        )
        return batch.Later(lambda: self._organization_tables(rows), [rows])

    def _organization_tables(self, rows) -> dict[str, Table]:
        outcomes = ConsultationRecord.Outcome.choices
        by_topic = Table(
            key="consultations",
            caption=_("Consultations by topic"),
            columns=[_("Topic"), _("Booked"), _("Held")],
            empty=_("No consultations in this period."),
        )
        outcome_counts = dict.fromkeys((value for value, _label in outcomes), 0)
        for row in rows:
            by_topic.rows.append([localize_name(CapacityArea, row["topic__name"]), row["total"], row["held"]])
            for i, (value, _label) in enumerate(outcomes):
                outcome_counts[value] += row[f"outcome_{i}"]
        by_outcome = Table(
            key="outcomes",
            caption=_("Consultation outcomes"),
            columns=[_("Outcome"), _("Consultations")],
            rows=[[label, outcome_counts[value]] for value, label in outcomes],
        )
        return {"consultations": by_topic, "outcomes": by_outcome}

    def programme_tables(self, scope: Scope, period: Period) -> dict[str, Table]:
        """Per advisor, topic and advisor's region: booked, held and average rating; three queries."""
        booked = _BOOKED.queryset(scope, period)
        consult_url = reverse("advisors:programme")

        def grouped(*fields):
            return (
                booked.values(*fields)
                .annotate(
                    total=Count("pk"),
                    held=Count("pk", filter=Q(status=Consultation.Status.COMPLETED)),
                    rating=Avg("feedback__rating"),
                )
                .order_by("-total", fields[0])
            )

        def table(key, caption, first, rows, name_of, link_of):
            result = Table(key=key, caption=caption, columns=[first, _("Booked"), _("Held"), _("Average rating")])
            for row in rows:
                rating = round(row["rating"], 1) if row["rating"] is not None else None
                result.rows.append([name_of(row), row["total"], row["held"], rating])
                result.links.append(link_of(row))
            return result

        return {
            "advisors": table(
                "advisors",
                _("Consultations per advisor"),
                _("Advisor"),
                grouped("advisor__slug", "advisor__user__first_name", "advisor__user__last_name"),
                lambda r: (
                    " ".join(p for p in (r["advisor__user__first_name"], r["advisor__user__last_name"]) if p)
                    or r["advisor__slug"]
                ),
                lambda r: f"{consult_url}?advisor={r['advisor__slug']}",
            ),
            "topics": table(
                "topics",
                _("Consultations per topic"),
                _("Topic"),
                grouped("topic__name"),
                lambda r: localize_name(CapacityArea, r["topic__name"]),
                lambda r: consult_url,
            ),
            "advisor_regions": table(
                "advisor_regions",
                _("Consultations per advisor's region"),
                _("Region"),
                grouped("advisor__region__name"),
                lambda r: localize_name(Region, r["advisor__region__name"]) or _("No region"),
                lambda r: consult_url,
            ),
        }

    def timeline_rows(self, scope: Scope, period: Period):
        return timeline.columns(HELD.queryset(scope, period), when="start", person="learner", subject="topic__name")

    def timeline_events(self, rows: list[timeline.Row]) -> list[Event]:
        return [
            Event(
                when=row.when,
                kind=_("Consultation"),
                text=_("%(name)s consulted an advisor on %(topic)s")
                % {"name": row.person, "topic": localize_name(CapacityArea, row.subject)},
            )
            for row in rows
        ]

    def recommendations_later(self, area_ids: list[int], limit: int) -> batch.Later[dict[str, list]]:
        return batch.lists(
            advisors=AdvisorProfile.objects.listed()
            .filter(expertise__in=area_ids, accepting_consultations=True)
            .select_related("user", "region")
            .distinct()
            .order_by("slug")[:limit]
        )

    def member_records(self, user, organization_id: int | None) -> dict[str, list]:
        """The member's consultations held, with the shared summary and follow-ups (never the private notes)."""
        held = (
            HELD.queryset(Scope(organizations=organization_id, member=user.pk))
            .select_related("advisor__user", "learner", "topic", "record")
            .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("done", "due_date")))
            .order_by("-start")
        )
        return {"consultations": list(held[:50])}

    def learner_figures_later(self, user) -> batch.Later[dict]:
        by_topic = (
            HELD.queryset(Scope(member=user.pk))
            .values("topic__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "topic__name")
        )

        def build() -> dict:
            rows = list(by_topic)
            # The per-topic counts add up to every consultation held, so no second count is needed.
            return {"consultations_held": sum(row["n"] for row in rows), "consultations_by_topic": rows}

        return batch.Later(build, [by_topic])
