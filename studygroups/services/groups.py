"""Creating and editing study groups, and the membership checks every other write starts with."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from organizations.models import Membership, Organization

from ..models import GroupMembership, StudyGroup

Status = GroupMembership.Status
Role = GroupMembership.Role


def _require_facilitator(group: StudyGroup, user) -> GroupMembership:
    membership = GroupMembership.objects.filter(group=group, user=user, status=Status.ACTIVE).first()
    if membership is None or not membership.is_facilitator:
        raise ServiceError(_("Only the group's facilitators can do this."))
    return membership


def _require_member(group: StudyGroup, user) -> GroupMembership:
    membership = GroupMembership.objects.filter(group=group, user=user, status=Status.ACTIVE).first()
    if membership is None:
        raise ServiceError(_("Only members of the group can do this."))
    return membership


def _default_organization(user) -> Organization | None:
    membership = Membership.objects.filter(user=user).select_related("organization").order_by("joined_at").first()
    return membership.organization if membership else None


@transaction.atomic
def group_create(
    *,
    by,
    title: str,
    theme: str,
    public_summary: str,
    fiscal_year: int,
    description: str = "",
    slug: str = "",
    lead_organization: Organization | None = None,
    capacity_areas=(),
    facilitators=(),
    status: str = StudyGroup.Status.RECRUITING,
    symposium_date=None,
) -> StudyGroup:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff can create study groups."))
    slug = slugify(slug or title)[:200] or "study-group"
    if slug == "new" or StudyGroup.objects.filter(slug=slug).exists():
        raise ServiceError(_("A study group with this web address already exists."))
    group = StudyGroup.objects.create(
        title=title,
        slug=slug,
        theme=theme,
        description=description,
        public_summary=public_summary,
        fiscal_year=fiscal_year,
        lead_organization=lead_organization,
        status=status,
        symposium_date=symposium_date,
        created_by=by,
    )
    group.capacity_areas.set(capacity_areas)
    for user in facilitators:
        facilitator_assign(group=group, user=user, by=by)
    return group


@transaction.atomic
def group_update(*, group: StudyGroup, by, facilitators=None, capacity_areas=None, **fields) -> StudyGroup:
    editable = {
        "title",
        "theme",
        "description",
        "public_summary",
        "fiscal_year",
        "lead_organization",
        "status",
        "symposium_date",
    }
    unknown = set(fields) - editable
    if unknown:
        raise ServiceError(_("These fields cannot be changed here."))
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    if capacity_areas is not None:
        group.capacity_areas.set(capacity_areas)
    if facilitators is not None and by.is_programme_staff:
        for user in facilitators:
            facilitator_assign(group=group, user=user, by=by)
    return group


@transaction.atomic
def facilitator_assign(*, group: StudyGroup, user, by) -> GroupMembership:
    """Programme staff (or a facilitator) make someone a facilitator, joining them if needed."""
    membership, created = GroupMembership.objects.get_or_create(
        group=group,
        user=user,
        defaults={
            "status": Status.ACTIVE,
            "role": Role.FACILITATOR,
            "organization": _default_organization(user),
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    if not created:
        membership.status = Status.ACTIVE
        membership.role = Role.FACILITATOR
        membership.decided_by = by
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "role", "decided_by", "decided_at"])
    return membership
