"""Tell participants when editors change a session they hold a seat at; keep certificates' names current."""

from datetime import datetime

from django.conf import settings
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


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def reprint_certificates(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A learner who changes the name on their certificates (in their profile) gets it on every
    certificate they hold: the public verification page and the PDF show the new name."""
    if raw or created or (update_fields is not None and "certificate_name" not in update_fields):
        return
    from .services import certificate_names_sync

    certificate_names_sync(user=instance)
