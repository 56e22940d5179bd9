"""Reads about people and organizations, with their relations fetched up front."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Invitation, Membership, Organization, User


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
    """The organization if ``user`` manages it (or is programme staff), else 404."""
    organization = get_object_or_404(Organization, slug=slug)
    if user.is_authenticated and (user.is_programme_staff or is_manager(user, organization)):
        return organization
    raise Http404


def organization_members(organization) -> QuerySet[Membership]:
    return Membership.objects.filter(organization=organization).select_related("user").order_by("user__email")


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
