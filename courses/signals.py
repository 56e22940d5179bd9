"""Tell participants when editors change a session they hold a seat at."""

from datetime import datetime

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import SeminarSession

WATCHED = ("starts_at", "ends_at", "venue", "address", "meeting_url", "is_cancelled")


@receiver(pre_save, sender=SeminarSession)
def remember_changes(sender, instance, raw=False, **kwargs):
    instance._participants_need_update = False
    if raw or not instance.pk:
        return
    old = SeminarSession.objects.filter(pk=instance.pk).values(*WATCHED).first()
    if old and any(_comparable(old[name]) != _comparable(getattr(instance, name)) for name in WATCHED):
        instance._participants_need_update = True


def _comparable(value):
    """Revisions store times to the millisecond; a publish that only rounds them changes nothing."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return value


@receiver(post_save, sender=SeminarSession)
def notify_participants(sender, instance, created, raw=False, **kwargs):
    if raw or created or not getattr(instance, "_participants_need_update", False):
        return
    from .services import session_changed

    instance._participants_need_update = False
    session_changed(session=instance)
