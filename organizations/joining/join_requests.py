"""A signed-in person asks to join an organization; its managers approve or decline, or the person withdraws."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit import record
from lms.email import send_templated_email
from lms.errors import ServiceError

from ..models import JoinRequest, Membership, Organization, User
from .common import _managers, _require_manager, _url

JOIN_RETRY_DAYS = 30


@transaction.atomic
def join_request_create(*, organization: Organization, user: User, message: str = "") -> JoinRequest:
    # Lock the person's row: two requests sent at once are checked one after the other.
    User.objects.select_for_update().get(pk=user.pk)
    if Membership.objects.filter(organization=organization, user=user).exists():
        raise ServiceError(_("You are already a member of %(org)s.") % {"org": organization})
    if JoinRequest.objects.filter(organization=organization, user=user, status=JoinRequest.Status.PENDING).exists():
        raise ServiceError(
            _("You have already asked to join %(org)s. Its managers will answer soon.") % {"org": organization}
        )
    since = timezone.now() - timedelta(days=JOIN_RETRY_DAYS)
    declined = (
        JoinRequest.objects.filter(
            organization=organization, user=user, status=JoinRequest.Status.DECLINED, decided_at__gte=since
        )
        .order_by("-decided_at")
        .first()
    )
    if declined is not None:
        again = timezone.localtime(declined.decided_at + timedelta(days=JOIN_RETRY_DAYS))
        raise ServiceError(
            _("%(org)s declined your request recently. You can ask again from %(date)s.")
            % {"org": organization, "date": again.strftime("%Y-%m-%d")}
        )
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(organization=organization, user=user, message=message.strip())
    except IntegrityError:
        raise ServiceError(
            _("You have already asked to join %(org)s. Its managers will answer soon.") % {"org": organization}
        ) from None
    record(action="join_request.created", actor=user, target=join_request)
    for manager in _managers(organization):
        send_templated_email(
            to=manager,
            template="organizations/join_request_received",
            context={
                "join_request": join_request,
                "url": _url("organizations:members", manager.preferred_language, slug=organization.slug),
            },
        )
    return join_request


def _decide(join_request: JoinRequest, by: User) -> JoinRequest:
    _require_manager(by, join_request.organization)
    locked = JoinRequest.objects.select_for_update().select_related("organization", "user").get(pk=join_request.pk)
    if locked.status != JoinRequest.Status.PENDING:
        raise ServiceError(_("This request has already been answered."))
    return locked


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, by: User) -> Membership:
    locked = _decide(join_request, by)
    membership, _created = Membership.objects.get_or_create(
        user=locked.user, organization=locked.organization, defaults={"role": Membership.Role.MEMBER}
    )
    locked.status = JoinRequest.Status.APPROVED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.save(update_fields=["status", "decided_at", "decided_by"])
    record(action="join_request.approved", actor=by, target=locked)
    send_templated_email(
        to=locked.user,
        template="organizations/join_request_approved",
        context={
            "join_request": locked,
            "url": _url("organizations:detail", locked.user.preferred_language, slug=locked.organization.slug),
        },
    )
    return membership


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, by: User, reason: str = "") -> JoinRequest:
    locked = _decide(join_request, by)
    locked.status = JoinRequest.Status.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decline_reason = reason.strip()
    locked.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    record(action="join_request.declined", actor=by, target=locked)
    send_templated_email(
        to=locked.user,
        template="organizations/join_request_declined",
        context={"join_request": locked, "retry_days": JOIN_RETRY_DAYS},
    )
    return locked


@transaction.atomic
def join_request_withdraw(*, join_request: JoinRequest, user: User) -> JoinRequest:
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.user_id != user.pk:
        raise ServiceError(_("Only the person who asked may withdraw this request."))
    if locked.status != JoinRequest.Status.PENDING:
        raise ServiceError(_("This request has already been answered."))
    locked.status = JoinRequest.Status.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    record(action="join_request.withdrawn", actor=user, target=locked)
    return locked
