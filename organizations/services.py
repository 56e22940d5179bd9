"""Writes about organizations, memberships and invitations."""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.audit import record
from lms.email import absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.locking import lock

from .models import Invitation, Membership, MembershipRemoval, Organization, User
from .selectors import is_manager


def _require_manager(user, organization) -> None:
    if not (user.is_programme_staff or is_manager(user, organization)):
        raise ServiceError(_("Only the organization's managers may do this."))


@transaction.atomic
def invitation_create(
    *, organization: Organization, email: str, role: str, invited_by: User, name: str = "", language: str = "en"
) -> Invitation:
    _require_manager(invited_by, organization)
    email = email.strip().lower()
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ServiceError(_("%(email)s is already a member of this organization.") % {"email": email})
    if role not in Membership.Role.values:
        raise ServiceError(_("Choose a valid role."))
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organization=organization,
                email=email,
                role=role,
                invited_by=invited_by,
                name=name.strip()[:150],
                language=language if language in dict(settings.LANGUAGES) else "en",
            )
    except IntegrityError:
        raise ServiceError(_("%(email)s already has a pending invitation.") % {"email": email}) from None
    send_invitation_email(invitation)
    return invitation


def send_invitation_email(invitation: Invitation) -> None:
    """In the invitee's language: their profile's if they have an account, else the one chosen for them.

    The link points at the invitation page in that language, so someone who doesn't read
    Japanese lands on the English page.
    """
    user = User.objects.filter(email__iexact=invitation.email).first()
    language = user.preferred_language if user else invitation.language
    recipient = user or SimpleNamespace(email=invitation.email, preferred_language=language)
    with translation.override(language):
        url = absolute_url(reverse("organizations:invitation", kwargs={"token": invitation.token}))
    send_templated_email(
        to=recipient, template="organizations/invitation", context={"invitation": invitation, "url": url}
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status == Invitation.Status.REVOKED:
        raise ServiceError(_("This invitation was withdrawn by the organization."))
    if invitation.status != Invitation.Status.PENDING:
        raise ServiceError(_("This invitation has already been answered."))
    if invitation.is_expired:
        raise ServiceError(_("This invitation has expired. Ask the organization to invite you again."))
    if invitation.email.lower() != user.email.lower():
        raise ServiceError(_("This invitation was sent to a different email address."))
    membership, created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "responded_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation, user: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.email.lower() != user.email.lower():
        raise ServiceError(_("This invitation was sent to a different email address."))
    if invitation.status != Invitation.Status.PENDING:
        raise ServiceError(_("This invitation has already been answered."))
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    _require_manager(by, invitation.organization)
    invitation = lock(invitation)
    if invitation.status != Invitation.Status.PENDING:
        raise ServiceError(_("Only pending invitations can be withdrawn."))
    invitation.status = Invitation.Status.REVOKED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    record(action="invitation.revoked", actor=by, target=invitation)
    return invitation


def _locked_membership(membership: Membership) -> Membership:
    """Role changes and removals in one organization are decided one at a time (its row, then the
    membership's), so two managers demoting each other at once cannot leave it without one."""
    lock(membership.organization)
    try:
        return lock(membership)
    except Membership.DoesNotExist:
        raise ServiceError(_("This person is no longer a member.")) from None


def _ensure_another_manager(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(organization=membership.organization, role=Membership.Role.MANAGER)
        .exclude(pk=membership.pk)
    )
    if not list(others):
        raise ServiceError(_("An organization needs at least one manager."))


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    _require_manager(by, membership.organization)
    if role not in Membership.Role.values:
        raise ServiceError(_("Choose a valid role."))
    membership = _locked_membership(membership)
    if membership.role == Membership.Role.MANAGER and role != Membership.Role.MANAGER:
        _ensure_another_manager(membership)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record(action="membership.role_changed", actor=by, target=membership, details={"from": previous, "to": role})
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    _require_manager(by, membership.organization)
    membership = _locked_membership(membership)
    if membership.role == Membership.Role.MANAGER:
        _ensure_another_manager(membership)
    record(
        action="membership.removed",
        actor=by,
        target=membership,
        details={"user": membership.user.email, "organization": membership.organization.slug},
    )
    MembershipRemoval.objects.create(
        organization=membership.organization,
        user=membership.user,
        role=membership.role,
        job_title=membership.job_title,
        joined_at=membership.joined_at,
        removed_by=by,
    )
    membership.delete()


@transaction.atomic
def membership_restore(*, removal: MembershipRemoval, by: User) -> Membership:
    """Undo a removal: the person comes back with the role, job title and joining date they had."""
    _require_manager(by, removal.organization)
    lock(removal.organization)
    removal = lock(removal)
    if removal.restored_at is not None:
        raise ServiceError(_("%(name)s has already been restored.") % {"name": removal.user})
    if Membership.objects.filter(organization=removal.organization, user=removal.user).exists():
        raise ServiceError(_("%(name)s is already a member again.") % {"name": removal.user})
    membership = Membership.objects.create(
        organization=removal.organization,
        user=removal.user,
        role=removal.role,
        job_title=removal.job_title,
        joined_at=removal.joined_at,
    )
    removal.restored_at = timezone.now()
    removal.save(update_fields=["restored_at"])
    record(
        action="membership.restored",
        actor=by,
        target=membership,
        details={"user": removal.user.email, "organization": removal.organization.slug},
    )
    return membership


def user_set_groups(*, user: User, group_names: list[str]) -> None:
    user.groups.set(Group.objects.filter(name__in=group_names))
