"""What organizations give the personal home (registered in AppConfig.ready): invitations, join
requests, NGO applications, and a way in for someone who belongs to no organization yet."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.home import Need, Tool, once, programme_queue

from .models import Invitation, JoinRequest, Membership, OrganizationApplication

LIST_LIMIT = 20


def memberships(user) -> list:
    """The person's memberships with their organizations, read once per request."""
    return once(
        user,
        "memberships",
        lambda: list(
            Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")
        ),
    )


def managed(user) -> list:
    """The organizations the person manages."""
    return [m.organization for m in memberships(user) if m.role == Membership.Role.MANAGER]


def tools(user):
    for organization in managed(user):
        yield Tool(
            key=f"members-{organization.slug}",
            label=_("Members of %(organization)s") % {"organization": organization.name},
            url=reverse("organizations:members", args=[organization.slug]),
            order=35,
            header=False,
        )
    if user.is_programme_staff:
        yield Tool(
            key="ngo-applications",
            label=_("NGO applications"),
            url=reverse("organizations:applications"),
            description=_("New NGOs asking to join the programme"),
            order=72,
            header=False,
        )


def needs(user):
    now = timezone.now()
    organizations = managed(user)
    invitations = (
        Invitation.objects.filter(status=Invitation.Status.PENDING, expires_at__gt=now)
        .filter(Q(email__iexact=user.email) | Q(organization__in=[o.pk for o in organizations]))
        .select_related("organization")
        .order_by("expires_at")[:LIST_LIMIT]
    )
    waiting: dict[int, int] = {}
    for invitation in invitations:
        if invitation.email.lower() == user.email.lower():
            yield Need(
                group=_("Invitations"),
                title=_("Join %(organization)s") % {"organization": invitation.organization.name},
                url=invitation.get_absolute_url(),
                detail=_("Accept or decline"),
                order=5,
            )
        else:
            waiting[invitation.organization_id] = waiting.get(invitation.organization_id, 0) + 1
    for organization in organizations:
        if waiting.get(organization.pk):
            yield Need(
                group=_("Your organization"),
                title=_("Invitations not yet answered at %(organization)s") % {"organization": organization.name},
                url=reverse("organizations:members", args=[organization.slug]),
                count=waiting[organization.pk],
                order=15,
            )

    requests = (
        dict(
            JoinRequest.objects.filter(
                status=JoinRequest.Status.PENDING, organization__in=[o.pk for o in organizations]
            )
            .values_list("organization")
            .annotate(n=Count("pk"))
        )
        if organizations
        else {}
    )
    for organization in organizations:
        if requests.get(organization.pk):
            yield Need(
                group=_("Your organization"),
                title=_("Requests to join %(organization)s") % {"organization": organization.name},
                url=reverse("organizations:members", args=[organization.slug]),
                count=requests[organization.pk],
                order=12,
            )
    if user.is_programme_staff:
        yield from programme_queue(
            title=_("NGO applications to review"),
            url=reverse("organizations:applications"),
            count=OrganizationApplication.objects.filter(status=OrganizationApplication.Status.SUBMITTED).count(),
            order=5,
        )
    elif not memberships(user):
        yield Need(
            group=_("Getting started"),
            title=_("Find your organization and ask to join it"),
            url=reverse("organizations:list"),
            detail=_("Or apply to bring a new NGO into the programme"),
            order=1,
        )
