from django.db.models import QuerySet

from .models import DataRequest, EmailPreferences


def requests_for_user(user) -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(user=user).order_by("-created_at")


def pending_erasure(user) -> DataRequest | None:
    return DataRequest.objects.filter(user=user, kind=DataRequest.Kind.ERASURE, state=DataRequest.State.PENDING).first()


def request_log() -> QuerySet[DataRequest]:
    """Every export and erasure, newest first, for programme staff."""
    return DataRequest.objects.select_related("user", "requested_by").order_by("-created_at")


def email_preferences(user) -> EmailPreferences:
    return EmailPreferences.objects.filter(user=user).first() or EmailPreferences(user=user)
