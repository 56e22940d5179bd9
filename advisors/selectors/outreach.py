"""Outreach requests, for programme staff, the requester and the assigned advisor."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import OutreachRequest


def outreach_for_staff() -> QuerySet[OutreachRequest]:
    return OutreachRequest.objects.select_related("advisor__user", "topic", "requester").order_by("-event_date")


def outreach_for_viewer(user, pk: int) -> OutreachRequest:
    item = get_object_or_404(outreach_for_staff(), pk=pk)
    if user.is_programme_staff or item.requester_id == user.pk:
        return item
    if item.advisor is not None and item.advisor.user_id == user.pk:
        return item
    raise Http404


def outreach_for_requester(user) -> QuerySet[OutreachRequest]:
    return outreach_for_staff().filter(requester=user)
