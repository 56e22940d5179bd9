from datetime import UTC, datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def parse_now(value: str | None) -> datetime:
    """``--now`` as an ISO date or date-time (UTC unless it says otherwise); the real time if absent."""
    if not value:
        return timezone.now()
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--now must be an ISO date or date-time, not {value!r}")
        moment = datetime(day.year, day.month, day.day)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment
