"""What NGO Study Groups give the personal home (registered in AppConfig.ready)."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.home import Figure, Need, Tool

from .models import GroupMembership, Meeting, StudyGroup

LIST_LIMIT = 20


def _memberships(user) -> list[GroupMembership]:
    """The person's active and invited memberships, with what a facilitator waits on, in one query."""
    if not hasattr(user, "_lms_study_memberships"):
        now = timezone.now()
        user._lms_study_memberships = list(
            GroupMembership.objects.filter(
                user=user, status__in=[GroupMembership.Status.ACTIVE, GroupMembership.Status.INVITED]
            )
            .exclude(group__status=StudyGroup.Status.CLOSED)
            .select_related("group")
            .annotate(
                applications=Count(
                    "group__memberships",
                    filter=Q(group__memberships__status=GroupMembership.Status.APPLIED),
                    distinct=True,
                ),
                next_meeting=Min(
                    "group__meetings__starts_at",
                    filter=Q(group__meetings__status=Meeting.Status.SCHEDULED, group__meetings__starts_at__gte=now),
                ),
            )
            .order_by("group__title")
        )
    return user._lms_study_memberships


def tools(user):
    yield Tool(
        key="study-groups",
        label=_("Study groups"),
        url=reverse("studygroups:list"),
        description=_("NGO Study Group workspaces"),
        order=30,
        header=False,
    )


def needs(user):
    for membership in _memberships(user)[:LIST_LIMIT]:
        group = membership.group
        if membership.status == GroupMembership.Status.INVITED:
            yield Need(
                group=_("Study groups"),
                title=_("You are invited to %(group)s") % {"group": group.title},
                url=reverse("studygroups:invitation", args=[group.slug]),
                detail=_("Accept or decline"),
                order=25,
            )
            continue
        if membership.role == GroupMembership.Role.FACILITATOR:
            if membership.applications:
                yield Need(
                    group=_("Study groups"),
                    title=_("Applications to %(group)s") % {"group": group.title},
                    url=reverse("studygroups:members", args=[group.slug]),
                    count=membership.applications,
                    order=24,
                )
            if membership.next_meeting:
                yield Need(
                    group=_("Study groups"),
                    title=_("Next meeting of %(group)s") % {"group": group.title},
                    url=reverse("studygroups:meetings", args=[group.slug]),
                    when=membership.next_meeting,
                    order=26,
                )


def progress(user):
    active = [m for m in _memberships(user) if m.status == GroupMembership.Status.ACTIVE]
    if active:
        yield Figure(
            label=_("Study groups you take part in"),
            value=str(len(active)),
            url=reverse("studygroups:list"),
            order=40,
        )
