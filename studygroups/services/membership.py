"""Joining a group and managing its members: applications, invitations, roles and removal.

Changes of one group's members are serialized on the group's row (``_locked``), so the rule
"at least one facilitator" holds when two facilitators act at once.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import audit
from lms.email import absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.locking import lock
from organizations.models import Membership, Organization

from ..models import GroupMembership, StudyGroup
from .groups import _default_organization, _require_facilitator

Status = GroupMembership.Status
Role = GroupMembership.Role


@transaction.atomic
def membership_apply(*, group: StudyGroup, user, statement: str, organization: Organization | None = None):
    if group.status != StudyGroup.Status.RECRUITING:
        raise ServiceError(_("This study group is not taking applications."))
    statement = (statement or "").strip()
    if len(statement) < 20:
        raise ServiceError(_("Tell the facilitators in a few sentences why you want to join."))
    if organization is not None and not Membership.objects.filter(user=user, organization=organization).exists():
        raise ServiceError(_("You can only represent an organization you belong to."))
    existing = GroupMembership.objects.select_for_update().filter(group=group, user=user).first()
    if existing and existing.status in {Status.ACTIVE, Status.APPLIED, Status.INVITED}:
        raise ServiceError(_("You have already applied to or joined this group."))
    if existing and existing.status == Status.REMOVED:
        raise ServiceError(_("Please contact the facilitators to rejoin this group."))
    membership = existing or GroupMembership(group=group, user=user)
    membership.status = Status.APPLIED
    membership.role = Role.MEMBER
    membership.statement = statement
    membership.organization = organization or _default_organization(user)
    membership.created_at = timezone.now()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # a second, simultaneous application by the same person
        raise ServiceError(_("You have already applied to or joined this group."))
    facilitators = [
        m.user
        for m in GroupMembership.objects.filter(
            group=group, role=Role.FACILITATOR, status=Status.ACTIVE
        ).select_related("user")
    ]
    send_templated_email(
        to=facilitators,
        template="studygroups/application_received",
        context={
            "group": group,
            "applicant": user,
            "membership": membership,
            "url": absolute_url(f"/study-groups/{group.slug}/members/"),
        },
    )
    return membership


@transaction.atomic
def membership_invite(*, group: StudyGroup, email: str, by) -> GroupMembership:
    _require_facilitator(group, by)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ServiceError(_("Nobody with this email address has an account yet; ask them to sign up first."))
    existing = GroupMembership.objects.select_for_update().filter(group=group, user=user).first()
    if existing and existing.status in {Status.ACTIVE, Status.INVITED}:
        raise ServiceError(_("This person is already a member or invited."))
    membership = existing or GroupMembership(group=group, user=user)
    membership.status = Status.INVITED
    membership.role = Role.MEMBER
    membership.invited_by = by
    membership.organization = membership.organization or _default_organization(user)
    membership.created_at = timezone.now()
    membership.save()
    send_templated_email(
        to=user,
        template="studygroups/invitation",
        context={"group": group, "inviter": by, "url": absolute_url(group.get_absolute_url())},
    )
    return membership


@transaction.atomic
def invitation_respond(*, membership: GroupMembership, user, accept: bool) -> GroupMembership:
    membership = _locked(membership)
    if membership.user_id != user.pk or membership.status != Status.INVITED:
        raise ServiceError(_("There is no open invitation for you."))
    membership.status = Status.ACTIVE if accept else Status.DECLINED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    return membership


@transaction.atomic
def membership_decide(*, membership: GroupMembership, by, approve: bool) -> GroupMembership:
    _require_facilitator(membership.group, by)
    membership = _locked(membership, facilitator=by)
    if membership.status != Status.APPLIED:
        raise ServiceError(_("This application was already decided."))
    membership.status = Status.ACTIVE if approve else Status.DECLINED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    send_templated_email(
        to=membership.user,
        template="studygroups/application_decided",
        context={
            "group": membership.group,
            "approved": approve,
            "url": absolute_url(membership.group.get_absolute_url()),
        },
    )
    return membership


def _locked(membership: GroupMembership, *, facilitator=None) -> GroupMembership:
    """Membership changes of one group are decided one at a time: the group's row, then the membership's.

    Locking the group too keeps the group's rules (at least one facilitator) true when two
    facilitators act at once; ``facilitator`` is checked again once the lock is held.
    """
    group = lock(membership.group)
    if facilitator is not None:
        _require_facilitator(group, facilitator)
    return lock(membership)


def _facilitator_count(group: StudyGroup) -> int:
    return GroupMembership.objects.filter(group=group, role=Role.FACILITATOR, status=Status.ACTIVE).count()


@transaction.atomic
def membership_set_role(*, membership: GroupMembership, by, role: str) -> GroupMembership:
    _require_facilitator(membership.group, by)
    membership = _locked(membership, facilitator=by)
    if role not in Role.values:
        raise ServiceError(_("Choose a valid role."))
    if membership.status != Status.ACTIVE:
        raise ServiceError(_("Only active members can be given a role."))
    if membership.role == Role.FACILITATOR and role != Role.FACILITATOR and _facilitator_count(membership.group) <= 1:
        raise ServiceError(_("A group needs at least one facilitator."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: GroupMembership, by) -> GroupMembership:
    _require_facilitator(membership.group, by)
    membership = _locked(membership, facilitator=by)
    if membership.status != Status.ACTIVE:
        raise ServiceError(_("This person is not an active member."))
    if membership.role == Role.FACILITATOR and _facilitator_count(membership.group) <= 1:
        raise ServiceError(_("A group needs at least one facilitator."))
    membership.status = Status.REMOVED
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        action="studygroups.member_removed", actor=by, target=membership, details={"group": membership.group_id}
    )
    return membership


def membership_set_preference(*, membership: GroupMembership, notify: str) -> GroupMembership:
    if notify not in GroupMembership.Notify.values:
        raise ServiceError(_("Choose a valid notification setting."))
    membership.notify = notify
    membership.save(update_fields=["notify"])
    return membership
