"""The NGO Researchers part of a person's data (registered in apps.py)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from lms.personal_data import ExportFile, ExportSection, RetentionItem, delete_file, records

from .models import Placement, PlacementState, Report, ReportAttachment, ResearcherProfile


def export(user) -> list[ExportSection]:
    sections = [
        ExportSection(
            key="placements",
            title=_("Researcher placements"),
            records=records(
                Placement.objects.filter(Q(researcher=user) | Q(requested_by=user)).select_related(
                    "organization", "capacity_area"
                ),
                ["organization", "capacity_area", "goals", "start_date", "end_date", "state", "created_at"],
            ),
        ),
        ExportSection(
            key="placements_reports",
            title=_("Placement reports you wrote"),
            records=records(
                Report.objects.filter(author=user),
                [
                    "placement",
                    "kind",
                    "title",
                    "summary",
                    "body",
                    "findings",
                    "recommendations",
                    "status",
                    "created_at",
                    "submitted_at",
                ],
            ),
            files=[
                ExportFile(f"{a.pk}-{a.file.name.rsplit('/', 1)[-1]}", a.file)
                for a in ReportAttachment.objects.filter(uploaded_by=user)
                if a.file
            ],
        ),
    ]
    profile = ResearcherProfile.objects.filter(user=user).first()
    if profile is not None:
        sections.append(
            ExportSection(
                key="placements_researcher_profile",
                title=_("Your researcher profile"),
                records=records(
                    [profile], ["languages", "biography", "cv", "available_from", "available_until", "status"]
                ),
                files=[ExportFile(profile.cv.name.rsplit("/", 1)[-1], profile.cv)] if profile.cv else [],
            )
        )
    return sections


def erase(user) -> None:
    """The CV and biography go; placements and published reports stay for the programme's record."""
    profile = ResearcherProfile.objects.filter(user=user).first()
    if profile is not None:
        delete_file(profile.cv)
        profile.cv = ""
        profile.biography = ""
        profile.status = ResearcherProfile.Status.INACTIVE
        profile.save()


OPEN_STATES = (PlacementState.REQUESTED, PlacementState.MATCHED, PlacementState.APPROVED, PlacementState.ACTIVE)


def retention(now, dry_run: bool) -> list[RetentionItem]:
    """A CV's purpose ends with the researcher's last placement (or, with none, their application)."""
    cutoff = now - timedelta(days=settings.LMS_RETENTION_CV_DAYS)
    items = []
    profiles = (
        ResearcherProfile.objects.exclude(cv="")
        .annotate(
            last_end=Max("user__placements_as_researcher__end_date"),
            open_count=Max(
                "user__placements_as_researcher__pk", filter=Q(user__placements_as_researcher__state__in=OPEN_STATES)
            ),
        )
        .filter(open_count__isnull=True)
    )
    for profile in profiles:
        ended = profile.last_end is not None and profile.last_end < cutoff.date()
        never_placed = profile.last_end is None and profile.applied_at < cutoff and profile.status != "accepted"
        if not (ended or never_placed):
            continue
        items.append(RetentionItem(_("researcher CV"), f"Researcher profile {profile.pk}", profile.cv.name))
        if not dry_run:
            delete_file(profile.cv)
            ResearcherProfile.objects.filter(pk=profile.pk).update(cv="")
    return items
