"""Consultations in both parties' private calendar feeds and .ics downloads (registered in AppConfig.ready)."""

from django.http import Http404

from . import selectors
from .notifications import calendar_event


def consultation_events(user):
    return [calendar_event(consultation) for consultation in selectors.calendar_consultations(user)]


def consultation_event_for(user, pk: int):
    """Only the two parties download a consultation's calendar entry."""
    try:
        consultation, role = selectors.consultation_for_viewer(user, pk)
    except Http404:
        return None
    return calendar_event(consultation) if role in ("learner", "advisor") else None
