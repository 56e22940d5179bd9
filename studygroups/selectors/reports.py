"""The group's report: its chapters, how far review has come, and the public page."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from lms.translations import canonical_q

from ..models import ReportChapter, StudyGroup, StudyGroupReportPage


def chapters_for(group: StudyGroup) -> QuerySet[ReportChapter]:
    return (
        ReportChapter.objects.filter(group=group)
        .select_related("group", "author", "reviewed_by")
        .order_by("sort_order", "pk")
    )


def chapter_in(group: StudyGroup, pk: int) -> ReportChapter:
    return get_object_or_404(ReportChapter.objects.select_related("group", "author"), pk=pk, group=group)


def report_progress(group: StudyGroup) -> dict:
    counts = ReportChapter.objects.filter(group=group).aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status=ReportChapter.Status.APPROVED)),
        in_review=Count("pk", filter=Q(status=ReportChapter.Status.IN_REVIEW)),
    )
    total = counts["total"]
    counts["percent"] = round(100 * counts["approved"] / total) if total else 0
    return counts


def report_page_for(group: StudyGroup) -> StudyGroupReportPage | None:
    # The canonical page: translations copy the group link but the record is the original.
    return StudyGroupReportPage.objects.filter(canonical_q(), group=group).order_by("-pk").first()
