"""Researchers apply to the programme; programme staff accept or retire them."""

from datetime import date

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ServiceError
from organizations.models import ProgrammeRole

from ..models import ResearcherProfile


@transaction.atomic
def researcher_apply(
    *,
    user,
    specialities,
    languages: str,
    biography: str,
    available_from: date | None,
    available_until: date | None,
    cv=None,
) -> ResearcherProfile:
    """Create or update a researcher's application; an accepted researcher stays accepted."""
    if available_from and available_until and available_until <= available_from:
        raise ServiceError(_("The end of your availability must be after its start."))
    profile, created = ResearcherProfile.objects.get_or_create(user=user)
    profile.languages = languages.strip()
    profile.biography = biography.strip()
    profile.available_from = available_from
    profile.available_until = available_until
    if cv:
        profile.cv = cv
    if profile.status == ResearcherProfile.Status.INACTIVE:
        profile.status = ResearcherProfile.Status.APPLIED
    if created or profile.status == ResearcherProfile.Status.APPLIED:
        profile.applied_at = timezone.now()
    profile.save()
    profile.specialities.set(specialities)
    return profile


@transaction.atomic
def researcher_set_status(*, profile: ResearcherProfile, by, status: str) -> ResearcherProfile:
    """Programme staff accept (or retire) researchers; accepted ones join the Researchers group."""
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff can accept researchers."))
    if status not in ResearcherProfile.Status.values:
        raise ServiceError(_("Unknown status."))
    profile.status = status
    profile.save(update_fields=["status"])
    group, _created = Group.objects.get_or_create(name=ProgrammeRole.RESEARCHERS)
    if status == ResearcherProfile.Status.ACCEPTED:
        profile.user.groups.add(group)
    else:
        profile.user.groups.remove(group)
    return profile
