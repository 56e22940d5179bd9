"""Programme staff's view of consultations: filters, the overview counts and the export rows."""

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from organizations.models import CapacityArea, Region
from organizations.vocabulary import localize_name

from ..models import Consultation, OutreachRequest
from .consultations import _consultations


def programme_consultations(
    *, topic: str = "", region: str = "", advisor: str = "", month: str = ""
) -> QuerySet[Consultation]:
    consultations = _consultations().order_by("-start")
    if topic:
        consultations = consultations.filter(topic__slug=topic)
    if region:
        consultations = consultations.filter(advisor__region__slug=region)
    if advisor:
        consultations = consultations.filter(advisor__slug=advisor)
    if month:
        try:
            year, month_number = (int(part) for part in month.split("-"))
            consultations = consultations.filter(start__year=year, start__month=month_number)
        except ValueError:
            pass
    return consultations


PROGRAMME_EXPORT_COLUMNS = [
    "id", "start_utc", "advisor", "region", "learner", "organization", "topic", "mode", "status", "outcome", "rating",
    "summary",
]  # fmt: skip


def programme_export_rows(consultations: QuerySet[Consultation]) -> list[list]:
    """One row per consultation for the export writer, under PROGRAMME_EXPORT_COLUMNS (machine-readable names)."""
    rows = []
    for b in consultations:
        record = getattr(b, "record", None)
        feedback = getattr(b, "feedback", None)
        rows.append(
            [
                b.pk,
                b.start,
                b.advisor,
                b.advisor.region.name if b.advisor.region else "",
                b.learner,
                b.organization.name,
                b.topic.name,
                b.get_mode_display(),
                b.get_status_display(),
                record.get_outcome_display() if record else "",
                feedback.rating if feedback else "",
                record.summary if record else "",
            ]
        )
    return rows


def programme_overview(consultations: QuerySet[Consultation]) -> dict:
    """Counts by topic, region, advisor and month, each one grouped query. "Booked" counts what the progress
    dashboards count (advisors.progress): requests not declined or cancelled."""
    held = Q(status=Consultation.Status.COMPLETED)
    booked = ~Q(status__in=Consultation.INACTIVE)
    base = consultations.order_by()

    def grouped(*fields, order):
        return list(
            base.values(*fields)
            .annotate(total=Count("pk", filter=booked), held=Count("pk", filter=held), rating=Avg("feedback__rating"))
            .order_by(*order)
        )

    by_topic = grouped("topic__name", order=["-total", "topic__name"])
    by_region = grouped("advisor__region__name", order=["-total", "advisor__region__name"])
    for row in by_topic:
        row["topic__name"] = localize_name(CapacityArea, row["topic__name"])
    for row in by_region:
        row["advisor__region__name"] = localize_name(Region, row["advisor__region__name"])
    return {
        "by_topic": by_topic,
        "by_region": by_region,
        "by_advisor": grouped(
            "advisor__slug", "advisor__user__first_name", "advisor__user__last_name", order=["-total", "advisor__slug"]
        ),
        "by_month": list(
            base.annotate(month=TruncMonth("start"))
            .values("month")
            .annotate(total=Count("pk", filter=booked), held=Count("pk", filter=held))
            .order_by("-month")
        ),
        "outreach": OutreachRequest.objects.aggregate(
            total=Count("pk"),
            reported=Count("pk", filter=Q(status=OutreachRequest.Status.REPORTED)),
            open=Count("pk", filter=Q(status=OutreachRequest.Status.REQUESTED)),
        ),
    }
