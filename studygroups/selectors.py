"""Reads for study groups; every workspace read goes through ``workspace_for``.

A group's workspace exists only for its active members: anyone else gets the same
404 a missing group would give, so not even the existence of content leaks.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.i18n import page_url
from lms.translations import active_locale_id, canonical_q, localize_pages
from organizations.models import Organization

from .models import (
    Document,
    DocumentVersion,
    GroupMembership,
    Meeting,
    MeetingAttendance,
    Post,
    ReportChapter,
    StudyGroup,
    StudyGroupReportPage,
    Thread,
)

POSTS_PER_PAGE = 50


@dataclass
class Workspace:
    group: StudyGroup
    membership: GroupMembership

    @property
    def is_facilitator(self) -> bool:
        return self.membership.is_facilitator


def group_list() -> QuerySet[StudyGroup]:
    return (
        StudyGroup.objects.select_related("lead_organization")
        .prefetch_related("capacity_areas")
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=GroupMembership.Status.ACTIVE), distinct=True
            )
        )
        .order_by("-fiscal_year", "title")
    )


def group_by_slug(slug: str) -> StudyGroup:
    return get_object_or_404(
        StudyGroup.objects.select_related("lead_organization").prefetch_related("capacity_areas"), slug=slug
    )


def membership_for(group: StudyGroup, user) -> GroupMembership | None:
    """The user's row in the group, whatever its status (None for anonymous)."""
    if not user.is_authenticated:
        return None
    return GroupMembership.objects.filter(group=group, user=user).select_related("organization").first()


def workspace_for(user, slug: str, *, facilitator: bool = False) -> Workspace:
    """The group and the user's active membership, or 404 for everyone else."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        GroupMembership.objects.select_related("group", "group__lead_organization", "organization")
        .filter(group__slug=slug, user=user, status=GroupMembership.Status.ACTIVE)
        .first()
    )
    if membership is None:
        raise Http404
    workspace = Workspace(group=membership.group, membership=membership)
    if facilitator and not workspace.is_facilitator:
        raise PermissionDenied
    return workspace


def group_for_manager(user, slug: str) -> StudyGroup:
    """Programme staff manage every group's settings; facilitators their own."""
    group = get_object_or_404(StudyGroup, slug=slug)
    if user.is_authenticated and user.is_programme_staff:
        return group
    workspace_for(user, slug, facilitator=True)
    return group


def groups_for_user(user) -> QuerySet[GroupMembership]:
    if not user.is_authenticated:
        return GroupMembership.objects.none()
    return (
        GroupMembership.objects.filter(user=user)
        .exclude(status__in=[GroupMembership.Status.DECLINED, GroupMembership.Status.REMOVED])
        .select_related("group")
        .order_by("group__title")
    )


def active_members(group: StudyGroup) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE)
        .select_related("user", "organization")
        .order_by("-role", "user__first_name", "user__email")
    )


def pending_memberships(group: StudyGroup) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.filter(
            group=group, status__in=[GroupMembership.Status.APPLIED, GroupMembership.Status.INVITED]
        )
        .select_related("user", "organization", "invited_by")
        .order_by("created_at")
    )


def workspace_membership(group: StudyGroup, pk: int) -> GroupMembership:
    return get_object_or_404(GroupMembership.objects.select_related("user", "group"), pk=pk, group=group)


# Meetings


def meetings_for(group: StudyGroup) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(group=group)
        .select_related("group")
        .annotate(present_count=Count("attendance", filter=Q(attendance__present=True)))
    )


def upcoming_meetings(group: StudyGroup, *, limit: int = 3) -> list[Meeting]:
    now = timezone.now()
    return list(
        Meeting.objects.filter(group=group, ends_at__gte=now, status=Meeting.Status.SCHEDULED)
        .select_related("group")
        .order_by("starts_at")[:limit]
    )


def meeting_in(group: StudyGroup, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("group"), pk=pk, group=group)


def meeting_attendance(meeting: Meeting) -> dict[int, bool]:
    return dict(MeetingAttendance.objects.filter(meeting=meeting).values_list("membership_id", "present"))


def meeting_responses(meeting: Meeting, membership: GroupMembership | None) -> dict:
    """The counts per answer (for everyone in the group to see) and the viewer's own answer, in one query."""
    from .models import MeetingResponse

    answers = dict(MeetingResponse.objects.filter(meeting=meeting).values_list("membership_id", "answer"))
    counts = dict.fromkeys(MeetingResponse.Answer.values, 0)
    for answer in answers.values():
        counts[answer] += 1
    rows = [(label, counts[value]) for value, label in MeetingResponse.Answer.choices]
    return {"counts": counts, "rows": rows, "mine": answers.get(membership.pk) if membership else None}


def meetings_for_feed(user) -> QuerySet[Meeting]:
    since = timezone.now() - timedelta(days=90)
    return (
        Meeting.objects.filter(
            group__memberships__user=user,
            group__memberships__status=GroupMembership.Status.ACTIVE,
            ends_at__gte=since,
        )
        .select_related("group")
        .distinct()
    )


# Discussion


def threads_for(group: StudyGroup) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(group=group)
        .select_related("author", "group")
        .annotate(post_count=Count("posts", filter=Q(posts__deleted_at__isnull=True)))
        .order_by("-pinned", "-last_activity_at")
    )


def thread_in(group: StudyGroup, pk: int) -> Thread:
    return get_object_or_404(Thread.objects.select_related("group", "author"), pk=pk, group=group)


def thread_posts(thread: Thread) -> QuerySet[Post]:
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "organization", "deleted_by")
        .prefetch_related("mentions")
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "pk")
    )


def post_in(group: StudyGroup, pk: int) -> Post:
    return get_object_or_404(
        Post.objects.select_related("thread", "thread__group", "author"), pk=pk, thread__group=group
    )


def posts_in(group: StudyGroup, ids: list[int]) -> list[Post]:
    """All the posts, or 404 if any id is not in this group (a bulk action is all or nothing)."""
    unique = set(ids)
    posts = list(Post.objects.filter(pk__in=unique, thread__group=group).select_related("thread"))
    if not unique or len(posts) != len(unique):
        raise Http404
    return posts


def recent_posts(group: StudyGroup, *, limit: int = 5) -> list[Post]:
    return list(
        Post.objects.filter(thread__group=group, deleted_at__isnull=True)
        .select_related("author", "thread", "thread__group")
        .order_by("-created_at")[:limit]
    )


def mentionable_members(group: StudyGroup) -> QuerySet[GroupMembership]:
    return GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE).select_related("user")


def mention_choices(group: StudyGroup, *, viewer) -> QuerySet:
    """The users a member may mention: the group's other active members, by the name they go by."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(study_memberships__group=group, study_memberships__status=GroupMembership.Status.ACTIVE)
        .exclude(pk=viewer.pk)
        .order_by("display_name", "first_name", "last_name", "pk")
        .distinct()
    )


# Documents


def documents_for(group: StudyGroup, *, deleted: bool = False) -> QuerySet[Document]:
    return (
        Document.objects.filter(group=group, deleted_at__isnull=not deleted)
        .select_related("current_version", "current_version__uploaded_by", "created_by")
        .order_by("-updated_at", "-pk")
    )


def document_in(group: StudyGroup, pk: int) -> Document:
    return get_object_or_404(
        Document.objects.select_related("group", "current_version").prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by"))
        ),
        pk=pk,
        group=group,
    )


def version_in(group: StudyGroup, document_pk: int, number: int) -> DocumentVersion:
    """A version of a live document in the group; a deleted document's files are not served."""
    return get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        document__pk=document_pk,
        document__group=group,
        document__deleted_at__isnull=True,
        number=number,
    )


# Report


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


def workspace_home(workspace: Workspace) -> dict:
    """Everything the workspace home shows, in a fixed number of queries."""
    group = workspace.group
    return {
        "upcoming_meetings": upcoming_meetings(group),
        "recent_posts": recent_posts(group),
        "recent_documents": list(documents_for(group)[:5]),
        "report_progress": report_progress(group),
        "report_page": report_page_for(group),
        "member_count": GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE).count(),
        "pending_count": (pending_memberships(group).count() if workspace.is_facilitator else 0),
    }


# Participation per organization (read by the progress app)


def _count_subquery(queryset, field: str):
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def participation_by_organization(
    organizations: QuerySet[Organization] | None = None, *, fiscal_year: int | None = None
):
    """Organizations annotated with study group participation, counted by the database.

    ``studygroup_members``: active memberships representing the organization;
    ``studygroup_posts``: posts (not deleted) written for it;
    ``studygroup_meetings_attended``: meetings its members attended.
    """
    memberships = GroupMembership.objects.filter(status=GroupMembership.Status.ACTIVE)
    posts = Post.objects.filter(deleted_at__isnull=True)
    attendance = MeetingAttendance.objects.filter(present=True, meeting__status=Meeting.Status.SCHEDULED)
    if fiscal_year is not None:
        memberships = memberships.filter(group__fiscal_year=fiscal_year)
        posts = posts.filter(thread__group__fiscal_year=fiscal_year)
        attendance = attendance.filter(meeting__group__fiscal_year=fiscal_year)
    queryset = organizations if organizations is not None else Organization.objects.all()
    return queryset.annotate(
        studygroup_members=_count_subquery(memberships, "organization"),
        studygroup_posts=_count_subquery(posts, "organization"),
        studygroup_meetings_attended=_count_subquery(attendance, "membership__organization"),
    )


def organization_participation(organization: Organization, *, fiscal_year: int | None = None) -> dict:
    """One organization's study group participation, as plain numbers."""
    row = (
        participation_by_organization(Organization.objects.filter(pk=organization.pk), fiscal_year=fiscal_year)
        .values("studygroup_members", "studygroup_posts", "studygroup_meetings_attended")
        .first()
    )
    row = row or {}
    return {
        "members": row.get("studygroup_members", 0),
        "posts": row.get("studygroup_posts", 0),
        "meetings_attended": row.get("studygroup_meetings_attended", 0),
    }


# Home page


def home_highlights(request) -> list[dict]:
    """Only public facts: groups open for applications and published reports."""
    recruiting = list(
        StudyGroup.objects.filter(status=StudyGroup.Status.RECRUITING)
        .select_related("lead_organization")
        .order_by("-fiscal_year", "title")[:3]
    )
    reports = list(
        StudyGroupReportPage.objects.live().public().filter(canonical_q()).order_by("-first_published_at")[:3]
    )
    shown = localize_pages(reports, active_locale_id())  # each report once, in the visitor's language if translated
    reports = [shown.get(page.pk, page) for page in reports]
    return [
        {
            "title": _("Study groups"),
            "items": [
                {
                    "url": group.get_absolute_url(),
                    "title": group.title,
                    "meta": _("Open for applications · %(year)s") % {"year": group.fiscal_year_label},
                }
                for group in recruiting
            ]
            + [
                {"url": page_url(page, request), "title": page.title, "meta": _("Published report")} for page in reports
            ],
            "empty": _("No study group is recruiting right now."),
            "more_url": reverse("studygroups:list"),
            "more_label": _("All study groups"),
        }
    ]


def organization_study_groups(organization: Organization) -> QuerySet[StudyGroup]:
    """Groups the organization takes part in (led or with active members), with its own counts."""
    mine = Q(memberships__organization=organization, memberships__status=GroupMembership.Status.ACTIVE)
    return (
        StudyGroup.objects.filter(Q(lead_organization=organization) | mine)
        .annotate(organization_members=Count("memberships", filter=mine, distinct=True))
        .select_related("lead_organization")
        .distinct()
        .order_by("-fiscal_year", "title")
    )


def programme_statistics(*, fiscal_year: int | None = None) -> dict:
    """Headline numbers for programme staff, counted by the database."""
    groups = StudyGroup.objects.all()
    if fiscal_year is not None:
        groups = groups.filter(fiscal_year=fiscal_year)
    by_status = dict(groups.order_by().values_list("status").annotate(n=Count("pk")))
    active = GroupMembership.objects.filter(group__in=groups, status=GroupMembership.Status.ACTIVE)
    return {
        "groups": sum(by_status.values()),
        "groups_by_status": {value: by_status.get(value, 0) for value in StudyGroup.Status.values},
        "members": active.count(),
        "organizations": active.exclude(organization=None).values("organization").distinct().count(),
        "posts": Post.objects.filter(thread__group__in=groups, deleted_at__isnull=True).count(),
        "meetings": Meeting.objects.filter(group__in=groups, status=Meeting.Status.SCHEDULED).count(),
        "published_reports": StudyGroupReportPage.objects.live().filter(canonical_q(), group__in=groups).count(),
    }
