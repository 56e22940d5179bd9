"""Consultations in both parties' private calendar feeds (registered in AppConfig.ready)."""

from . import selectors
from .notifications import calendar_event


def consultation_events(user):
    return [calendar_event(booking) for booking in selectors.feed_bookings(user)]
