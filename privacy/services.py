"""Data requests: download my data, delete my account, staff erasure, expiry; email preferences.

Each transition locks its row, re-checks the state inside the transaction, audits, and sends its
email on commit. A refused request raises ServiceError before anything is written.
"""

import io
import json
import logging
import secrets
import zipfile
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import audit
from lms.email import ERASED_EMAIL_DOMAIN, EmailKind, absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.personal_data import erase_everywhere, export_sections
from organizations.models import Membership

from .models import DataRequest, EmailPreferences

logger = logging.getLogger(__name__)

User = get_user_model()
ERASED_DOMAIN = ERASED_EMAIL_DOMAIN


def grace_days() -> int:
    return int(getattr(settings, "LMS_ERASURE_GRACE_DAYS", 14))


def export_days() -> int:
    return int(getattr(settings, "LMS_DATA_EXPORT_DAYS", 7))


def is_protected_account(user) -> bool:
    """Staff accounts (admin access, programme staff, superusers) are not erased through these flows."""
    return bool(user.is_superuser or user.is_staff or user.is_programme_staff)


def _lock_user(user):
    return User.objects.select_for_update().get(pk=user.pk)


def _pending(user, kind) -> DataRequest | None:
    return DataRequest.objects.filter(user=user, kind=kind, state=DataRequest.State.PENDING).first()


# Download my data --------------------------------------------------------------------------------


@transaction.atomic
def export_request(*, user, now: datetime | None = None) -> DataRequest:
    """Queue a download of everything held about ``user``; built in the background, announced by email."""
    now = now or timezone.now()
    user = _lock_user(user)
    if user.email.endswith("@" + ERASED_DOMAIN) or not user.is_active:
        raise ServiceError(_("This account can no longer download data."))
    if _pending(user, DataRequest.Kind.EXPORT):
        raise ServiceError(_("Your data is already being prepared. We will email you when it is ready."))
    request = DataRequest.objects.create(user=user, kind=DataRequest.Kind.EXPORT, created_at=now)
    audit.record(action="privacy.export.requested", actor=user, target=user, details={"request": request.pk})

    def enqueue(pk=request.pk):
        from .tasks import build_data_export

        try:
            build_data_export.enqueue(request_id=pk)
        except Exception:  # a failing queue must not break the request; the request stays pending
            logger.exception("data export %s could not be queued", pk)

    transaction.on_commit(enqueue)
    return request


def _archive_bytes(user, now: datetime) -> bytes:
    buffer = io.BytesIO()
    sections = export_sections(user)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        index = {
            "generated": timezone.localtime(now).isoformat(),
            "site": settings.WAGTAIL_SITE_NAME,
            "sections": [{"file": f"{s.key}.json", "title": s.title, "records": len(s.records)} for s in sections],
        }
        archive.writestr("index.json", json.dumps(index, ensure_ascii=False, indent=2))
        used: set[str] = set()
        for section in sections:
            archive.writestr(
                f"{section.key}.json",
                json.dumps({"title": section.title, "records": section.records}, ensure_ascii=False, indent=2),
            )
            for item in section.files:
                name = f"files/{section.key}/{item.name}"
                if name in used:
                    continue
                try:
                    with item.file.open("rb") as handle:
                        archive.writestr(name, handle.read())
                except (FileNotFoundError, ValueError, OSError):
                    logger.warning("file %s missing from the export of user %s", item.file.name, user.pk)
                    continue
                used.add(name)
    return buffer.getvalue()


def export_build(*, request_id: int, now: datetime | None = None) -> DataRequest | None:
    """Build the ZIP for a pending export and email its owner; a second run does nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().filter(pk=request_id).select_related("user").first()
        if request is None or request.kind != DataRequest.Kind.EXPORT or request.state != DataRequest.State.PENDING:
            return request
        user = request.user
        try:
            content = _archive_bytes(user, now)
        except Exception:
            logger.exception("data export %s failed", request.pk)
            request.state = DataRequest.State.FAILED
            request.completed_at = now
            request.save(update_fields=["state", "completed_at"])
            audit.record(action="privacy.export.failed", target=user, details={"request": request.pk})
            return request
        request.archive.save("export.zip", ContentFile(content), save=False)
        request.archive_size = len(content)
        request.state = DataRequest.State.READY
        request.completed_at = now
        request.expires_at = now + timedelta(days=export_days())
        request.save(update_fields=["archive", "archive_size", "state", "completed_at", "expires_at"])
        audit.record(action="privacy.export.ready", target=user, details={"request": request.pk})
        send_templated_email(
            to=user,
            template="privacy/export_ready",
            context={
                "request": request,
                "url": absolute_url(reverse("privacy:data")),
                "expires_at": request.expires_at,
            },
        )
    return request


def export_for_download(*, user, pk: int, now: datetime | None = None) -> DataRequest:
    """The owner's ready export; another person's gets DataRequest.DoesNotExist (404), an expired one ServiceError."""
    request = DataRequest.objects.get(pk=pk, user=user, kind=DataRequest.Kind.EXPORT)
    if not request.is_downloadable(now):
        raise ServiceError(_("This download has expired or is no longer available. Ask for a new one."))
    return request


def exports_expire(*, now: datetime | None = None) -> int:
    """Delete archives past their expiry; the request stays in the log as expired."""
    now = now or timezone.now()
    expired = 0
    for pk in DataRequest.objects.filter(state=DataRequest.State.READY, expires_at__lte=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            request = DataRequest.objects.select_for_update().get(pk=pk)
            if request.state != DataRequest.State.READY or request.expires_at > now:
                continue
            if request.archive:
                request.archive.delete(save=False)
            request.state = DataRequest.State.EXPIRED
            request.save(update_fields=["archive", "state"])
            audit.record(action="privacy.export.expired", target=request.user, details={"request": request.pk})
            expired += 1
    return expired


# Delete my account -------------------------------------------------------------------------------


def sole_managed_organizations(user) -> list:
    """Organizations the person manages alone: they are asked to hand them over (never blocked)."""
    managed = Membership.objects.filter(user=user, role=Membership.Role.MANAGER).select_related("organization")
    result = []
    for membership in managed:
        others = (
            Membership.objects.filter(organization=membership.organization, role=Membership.Role.MANAGER)
            .exclude(user=user)
            .filter(user__is_active=True)
        )
        if not others.exists():
            result.append(membership.organization)
    return result


@transaction.atomic
def erasure_request(*, user, now: datetime | None = None) -> DataRequest:
    """The person asks for their account to be erased after the grace period (cancellable until then)."""
    now = now or timezone.now()
    user = _lock_user(user)
    if is_protected_account(user):
        raise ServiceError(
            _("Staff accounts can't be erased from here. Ask an administrator to remove your staff roles first.")
        )
    if _pending(user, DataRequest.Kind.ERASURE):
        raise ServiceError(_("You have already asked for your account to be deleted."))
    request = DataRequest.objects.create(
        user=user, kind=DataRequest.Kind.ERASURE, created_at=now, due_at=now + timedelta(days=grace_days())
    )
    audit.record(action="privacy.erasure.requested", actor=user, target=user, details={"request": request.pk})
    send_templated_email(
        to=user,
        template="privacy/erasure_requested",
        context={
            "request": request,
            "due_at": request.due_at,
            "url": absolute_url(reverse("privacy:data")),
            "sole_organizations": [o.name for o in sole_managed_organizations(user)],
        },
    )
    return request


@transaction.atomic
def erasure_cancel(*, user, pk: int, now: datetime | None = None) -> DataRequest:
    now = now or timezone.now()
    request = DataRequest.objects.select_for_update().get(pk=pk, user=user, kind=DataRequest.Kind.ERASURE)
    if request.state != DataRequest.State.PENDING:
        raise ServiceError(_("This request can no longer be cancelled."))
    request.state = DataRequest.State.CANCELLED
    request.cancelled_at = now
    request.save(update_fields=["state", "cancelled_at"])
    audit.record(action="privacy.erasure.cancelled", actor=user, target=user, details={"request": request.pk})
    send_templated_email(
        to=user, template="privacy/erasure_cancelled", context={"url": absolute_url(reverse("privacy:data"))}
    )
    return request


def _last_active_superuser(user) -> bool:
    return user.is_superuser and not User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists()


@transaction.atomic
def erasure_by_staff(*, staff, email: str, reason: str, now: datetime | None = None) -> DataRequest:
    """Programme staff erase an account at the person's request, at once, with the reason recorded."""
    now = now or timezone.now()
    if not staff.is_programme_staff:
        raise ServiceError(_("Only programme staff may erase accounts."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Say why the account is erased (for example, the person's request by email)."))
    user = User.objects.select_for_update().filter(email__iexact=(email or "").strip()).first()
    if user is None or user.email.endswith("@" + ERASED_DOMAIN):
        raise ServiceError(_("No account has this email address."))
    if _last_active_superuser(user):
        raise ServiceError(_("The last administrator can't be erased."))
    if is_protected_account(user):
        raise ServiceError(_("Staff accounts can't be erased. Remove their staff roles first."))
    request = _pending(user, DataRequest.Kind.ERASURE)
    if request is not None:
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        request.requested_by = staff
        request.reason = reason
        request.due_at = now
    else:
        request = DataRequest.objects.create(
            user=user,
            kind=DataRequest.Kind.ERASURE,
            created_at=now,
            due_at=now,
            requested_by=staff,
            reason=reason,
        )
    _erase(request, now=now, by=staff)
    return request


def _end_sessions(user) -> None:
    """Sign the person out everywhere: database sessions go; any cached one fails the password-hash check."""
    doomed = [s.session_key for s in Session.objects.all() if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)]
    Session.objects.filter(session_key__in=doomed).delete()


def _erase(request: DataRequest, *, now: datetime, by=None) -> None:
    """Anonymise the account in place, so consultations, registrations and posts stay as anonymous records."""
    from allauth.account.models import EmailAddress

    user = User.objects.select_for_update().get(pk=request.user_id)
    old_email = user.email
    language = user.preferred_language
    erase_everywhere(user)
    EmailAddress.objects.filter(user=user).delete()
    try:
        from allauth.mfa.models import Authenticator

        Authenticator.objects.filter(user=user).delete()
    except ImportError:  # MFA not installed
        pass
    EmailPreferences.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}-{secrets.token_hex(4)}@{ERASED_DOMAIN}"
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.calendar_token = f"erased-{secrets.token_urlsafe(24)}"
    user.save()
    user.groups.clear()
    _end_sessions(user)
    # Exports already built hold the data that is being erased.
    for export in DataRequest.objects.filter(user=user, kind=DataRequest.Kind.EXPORT).exclude(archive=""):
        export.archive.delete(save=False)
        export.state = DataRequest.State.EXPIRED
        export.save(update_fields=["archive", "state"])
    request.state = DataRequest.State.COMPLETED
    request.completed_at = now
    request.save()
    from lms.models import AuditEvent

    AuditEvent.objects.filter(actor_repr__iexact=old_email).update(actor_repr=f"user #{user.pk}")
    AuditEvent.objects.filter(target_type=user._meta.label, target_id=str(user.pk)).update(
        target_repr=f"user #{user.pk}"
    )
    audit.record(
        action="privacy.erasure.completed",
        actor=by,
        actor_repr="" if by else "system",
        target=user,
        details={"request": request.pk, "by_staff": bool(request.requested_by_id), "reason": request.reason},
    )
    send_templated_email(
        to=old_email,
        template="privacy/erasure_completed",
        context={"language": language},
    )


def erasures_perform_due(*, now: datetime | None = None) -> int:
    """Erase every account whose grace period has passed (the scheduled command calls this)."""
    now = now or timezone.now()
    done = 0
    due = DataRequest.objects.filter(
        kind=DataRequest.Kind.ERASURE, state=DataRequest.State.PENDING, due_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            request = DataRequest.objects.select_for_update().get(pk=pk)
            if request.state != DataRequest.State.PENDING or request.due_at > now:
                continue
            if _last_active_superuser(request.user):
                continue
            _erase(request, now=now)
            done += 1
    return done


# Email preferences -------------------------------------------------------------------------------


@transaction.atomic
def email_preferences_update(*, user, values: dict[str, bool]) -> EmailPreferences:
    prefs, _created = EmailPreferences.objects.select_for_update().get_or_create(user=user)
    for kind in EmailKind.OPTIONAL:
        if kind in values:
            setattr(prefs, kind, bool(values[kind]))
    prefs.save()
    return prefs


@transaction.atomic
def email_unsubscribe(*, user_id: int, kind: str) -> bool:
    """Switch one kind off (one-click link); False when the account no longer exists."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or kind not in EmailKind.OPTIONAL:
        return False
    prefs, _created = EmailPreferences.objects.select_for_update().get_or_create(user=user)
    if getattr(prefs, kind):
        setattr(prefs, kind, False)
        prefs.save()
        audit.record(action="privacy.unsubscribed", target=user, details={"kind": kind})
    return True
