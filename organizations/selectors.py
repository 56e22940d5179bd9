"""Reads about people and organizations, with their relations fetched up front."""

import copy
from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Invitation, Membership, MembershipRemoval, Organization, User
from .personal import memberships as _memberships


def organization_list() -> QuerySet[Organization]:
    return (
        Organization.objects.select_related("region")
        .prefetch_related("fields_of_activity")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def memberships_for_user(user) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def membership_for(user, organization) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organization=organization).first()


def managed_organizations(user) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.MANAGER)


def is_manager(user, organization) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organization=organization, role=Membership.Role.MANAGER).exists()


def organization_for_manager(user, slug: str) -> Organization:
    """The organization if ``user`` manages it (or is programme staff), else 404, with ``viewer_is_manager`` set
    so the page need not ask again. A manager's organization comes from their memberships, which the page's
    header reads anyway (once per request); only programme staff looking at another organization need a query."""
    if not user.is_authenticated:
        raise Http404
    for membership in _memberships(user):
        if membership.organization.slug == slug and membership.role == Membership.Role.MANAGER:
            # A copy: a form bound to it (the organization's profile) must not change what the header shows.
            organization = copy.copy(membership.organization)
            organization.viewer_is_manager = True
            return organization
    if user.is_programme_staff:
        organization = get_object_or_404(Organization, slug=slug)
        organization.viewer_is_manager = False
        return organization
    raise Http404


def organization_members(organization) -> QuerySet[Membership]:
    return Membership.objects.filter(organization=organization).select_related("user").order_by("user__email")


def recent_removals(organization, *, days: int = 180) -> QuerySet[MembershipRemoval]:
    """Removals a manager can still undo: recent, not restored, and the person not back some other way."""
    since = timezone.now() - timedelta(days=days)
    return (
        MembershipRemoval.objects.filter(organization=organization, restored_at__isnull=True, removed_at__gte=since)
        .exclude(user__memberships__organization=organization)
        .select_related("user")
    )


def removal_for_manager(user, slug: str, pk: int) -> MembershipRemoval:
    organization = organization_for_manager(user, slug)
    return get_object_or_404(
        MembershipRemoval.objects.select_related("user", "organization"), pk=pk, organization=organization
    )


def pending_invitations(organization) -> QuerySet[Invitation]:
    return Invitation.objects.filter(organization=organization, status=Invitation.Status.PENDING).select_related(
        "invited_by"
    )


def users_sharing_organization(user) -> QuerySet[User]:
    """Users who share an organization with ``user`` (the people a manager may act for)."""
    org_ids = managed_organizations(user).values("id")
    return User.objects.filter(Q(memberships__organization__in=org_ids)).distinct()


def organization_with_members(slug: str) -> Organization:
    return get_object_or_404(
        Organization.objects.select_related("region", "logo").prefetch_related(
            "fields_of_activity", Prefetch("memberships", queryset=Membership.objects.select_related("user"))
        ),
        slug=slug,
    )


# Joining: what the personal home and the members page show ---------------------------------------


def pending_join_requests_for_manager(user) -> QuerySet:
    """Requests to join the organizations ``user`` manages, oldest first (for the personal home)."""
    from .models import JoinRequest

    if not user.is_authenticated:
        return JoinRequest.objects.none()
    return (
        JoinRequest.objects.filter(status=JoinRequest.Status.PENDING, organization__in=managed_organizations(user))
        .select_related("user", "organization")
        .order_by("created_at")
    )


def pending_join_requests(organization) -> QuerySet:
    from .models import JoinRequest

    return (
        JoinRequest.objects.filter(organization=organization, status=JoinRequest.Status.PENDING)
        .select_related("user")
        .order_by("created_at")
    )


def join_request_for(user, organization):
    """The person's latest request to join ``organization``, if any."""
    from .models import JoinRequest

    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(user=user, organization=organization).order_by("-created_at").first()


def applications_awaiting_review(user) -> QuerySet:
    """NGO applications waiting for programme staff (for the personal home); nothing for anyone else."""
    from .models import OrganizationApplication

    if not (user.is_authenticated and user.is_programme_staff):
        return OrganizationApplication.objects.none()
    return (
        OrganizationApplication.objects.filter(status=OrganizationApplication.Status.SUBMITTED)
        .select_related("applicant")
        .order_by("created_at")
    )


def applications_for_staff() -> QuerySet:
    from .models import OrganizationApplication

    return OrganizationApplication.objects.select_related("applicant", "organization").order_by("status", "-created_at")


def applications_of(user) -> QuerySet:
    from .models import OrganizationApplication

    if not user.is_authenticated:
        return OrganizationApplication.objects.none()
    return OrganizationApplication.objects.filter(applicant=user).select_related("organization").order_by("-created_at")


def application_for_viewer(user, pk: int):
    """The application if ``user`` is its applicant or programme staff, else 404."""
    from .models import OrganizationApplication

    application = get_object_or_404(
        OrganizationApplication.objects.select_related("applicant", "organization").prefetch_related(
            "fields_of_activity"
        ),
        pk=pk,
    )
    if user.is_authenticated and (user.is_programme_staff or application.applicant_id == user.pk):
        return application
    raise Http404
