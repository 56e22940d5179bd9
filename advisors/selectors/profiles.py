"""Advisor profiles: the public directory, an advisor's page, and the signed-in advisor's own profile."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from ..models import AdvisorProfile


def advisor_directory(
    *, area: str = "", region: str = "", mode: str = "", language: str = "", q: str = ""
) -> QuerySet[AdvisorProfile]:
    advisors = (
        AdvisorProfile.objects.listed()
        .select_related("user", "region", "photo")
        .prefetch_related("expertise")
        .order_by("user__last_name", "user__first_name", "slug")
    )
    if area:
        advisors = advisors.filter(expertise__slug=area)
    if region:
        advisors = advisors.filter(region__slug=region)
    if mode in {"in_person", "phone", "online", "email"}:
        advisors = advisors.filter(**{f"offers_{mode}": True})
    if language:
        advisors = advisors.filter(languages__icontains=language)
    if q:
        advisors = advisors.filter(
            Q(user__first_name__icontains=q)
            | Q(user__last_name__icontains=q)
            | Q(user__display_name__icontains=q)
            | Q(bio__icontains=q)
            | Q(headline__icontains=q)
            | Q(office__icontains=q)
        )
    return advisors.distinct()


def advisor_for_page(slug: str) -> AdvisorProfile:
    return get_object_or_404(
        AdvisorProfile.objects.listed().select_related("user", "region", "photo").prefetch_related("expertise"),
        slug=slug,
    )


def advisor_profile_for(user) -> AdvisorProfile | None:
    if not user.is_authenticated:
        return None
    return AdvisorProfile.objects.select_related("user", "region").filter(user=user).first()
