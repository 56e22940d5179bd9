"""A new NGO applies to join the programme; programme staff approve it (creating the organization),
ask for changes or decline. Names already in use, in either language, are refused.
"""

import unicodedata

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.audit import record
from lms.email import send_templated_email
from lms.errors import ServiceError

from ..models import Membership, Organization, OrganizationApplication, Region, User
from ..prefectures import REGION_OF
from .common import _url


def name_key(name: str) -> str:
    """A name as compared for duplicates: Unicode width and case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def duplicate_name(*names: str, exclude_application: int | None = None) -> str | None:
    """The first of ``names`` already used by an organization or an open application, in either language."""
    wanted = {name_key(n): n for n in names if name_key(n)}
    if not wanted:
        return None
    for pair in Organization.objects.values_list("name", "name_ja"):
        for existing in pair:
            if name_key(existing) in wanted:
                return wanted[name_key(existing)]
    open_applications = OrganizationApplication.objects.filter(
        status__in=[OrganizationApplication.Status.SUBMITTED, OrganizationApplication.Status.CHANGES_REQUESTED]
    ).exclude(pk=exclude_application)
    for pair in open_applications.values_list("name_en", "name_ja"):
        for existing in pair:
            if name_key(existing) in wanted:
                return wanted[name_key(existing)]
    return None


def _check_duplicate(application: OrganizationApplication) -> None:
    found = duplicate_name(application.name_en, application.name_ja, exclude_application=application.pk)
    if found:
        raise ServiceError(
            _("An organization called “%(name)s” is already in the programme or has applied.") % {"name": found}
        )


def _staff_recipients() -> list[User]:
    from ..models import ProgrammeRole

    return list(User.objects.filter(groups__name=ProgrammeRole.PROGRAMME_STAFF, is_active=True).distinct())


@transaction.atomic
def application_submit(
    *, application: OrganizationApplication, fields_of_activity, by: User
) -> OrganizationApplication:
    """Save a new application, or a changed one sent back for review."""
    if application.pk:
        locked = OrganizationApplication.objects.select_for_update().get(pk=application.pk)
        if locked.applicant_id != by.pk:
            raise ServiceError(_("Only the applicant may change this application."))
        if locked.status != OrganizationApplication.Status.CHANGES_REQUESTED:
            raise ServiceError(_("This application can't be changed now."))
    else:
        application.applicant = by
    # Names are compared under a lock on the applicant so one person can't send the same twice at once.
    User.objects.select_for_update().get(pk=by.pk)
    _check_duplicate(application)
    application.status = OrganizationApplication.Status.SUBMITTED
    application.save()
    application.fields_of_activity.set(fields_of_activity)
    record(action="organization_application.submitted", actor=by, target=application)
    for staff in _staff_recipients():
        send_templated_email(
            to=staff,
            template="organizations/application_submitted",
            context={
                "application": application,
                "url": _url("organizations:application", staff.preferred_language, pk=application.pk),
            },
        )
    return application


def _review(application: OrganizationApplication, by: User) -> OrganizationApplication:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may review applications."))
    locked = OrganizationApplication.objects.select_for_update().select_related("applicant").get(pk=application.pk)
    if locked.status != OrganizationApplication.Status.SUBMITTED:
        raise ServiceError(_("This application is not waiting for review."))
    return locked


def _tell_applicant(application: OrganizationApplication) -> None:
    applicant = application.applicant
    send_templated_email(
        to=applicant,
        template="organizations/application_reviewed",
        context={
            "application": application,
            "url": _url("organizations:application", applicant.preferred_language, pk=application.pk),
        },
    )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "ngo"
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def application_approve(*, application: OrganizationApplication, by: User) -> Organization:
    locked = _review(application, by)
    _check_duplicate(locked)
    organization = Organization.objects.create(
        name=locked.name_en,
        name_ja=locked.name_ja,
        slug=_unique_slug(locked.name_en),
        legal_form=locked.legal_form,
        prefecture=locked.head_office,
        region=Region.objects.canonical().filter(slug=REGION_OF.get(locked.head_office, "")).first(),
        countries_of_operation=locked.countries_of_operation,
        website=locked.website,
        description=locked.description,
    )
    organization.fields_of_activity.set(locked.fields_of_activity.all())
    Membership.objects.create(
        user=locked.applicant,
        organization=organization,
        role=Membership.Role.MANAGER,
        job_title=locked.applicant_role,
    )
    locked.status = OrganizationApplication.Status.APPROVED
    locked.organization = organization
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "organization", "reviewed_by", "reviewed_at", "updated_at"])
    record(action="organization_application.approved", actor=by, target=locked, details={"slug": organization.slug})
    _tell_applicant(locked)
    return organization


@transaction.atomic
def application_request_changes(*, application: OrganizationApplication, by: User, message: str):
    if not message.strip():
        raise ServiceError(_("Say what needs to change."))
    return _answer(application, by=by, status=OrganizationApplication.Status.CHANGES_REQUESTED, message=message)


@transaction.atomic
def application_decline(*, application: OrganizationApplication, by: User, reason: str):
    if not reason.strip():
        raise ServiceError(_("Give the reason for declining."))
    return _answer(application, by=by, status=OrganizationApplication.Status.DECLINED, message=reason)


def _answer(application: OrganizationApplication, *, by: User, status: str, message: str) -> OrganizationApplication:
    """Send an application back with staff's words (changes asked, or declined): one path for both answers."""
    locked = _review(application, by)
    locked.status = status
    locked.staff_message = message.strip()
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "staff_message", "reviewed_by", "reviewed_at", "updated_at"])
    action = "changes_requested" if status == OrganizationApplication.Status.CHANGES_REQUESTED else "declined"
    record(action=f"organization_application.{action}", actor=by, target=locked)
    _tell_applicant(locked)
    return locked
