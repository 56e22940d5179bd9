"""Certificates: issued once per completed enrollment, in the name the learner chose; staff revoke and reinstate."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.email import absolute_url, send_templated_email
from lms.errors import ServiceError
from lms.locking import lock
from organizations.models import User

from ..models import Certificate, Enrollment


def certificate_name_for(user: User) -> str:
    """The name a certificate prints: the one the learner chose, else their full name; never the email."""
    return (user.certificate_name or user.get_full_name()).strip()


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment) -> Certificate | None:
    """One certificate per completed enrollment; the learner is told by email.

    A learner with no name yet gets no certificate here: the completion page asks for the name
    to print first (``certificate_claim``).
    """
    if not enrollment.completed_at:
        raise ServiceError(_("The course is not complete yet."))
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing:
        return existing
    user = User.objects.select_for_update().get(pk=enrollment.user_id)
    name = certificate_name_for(user)
    if not name:
        return None
    if not user.certificate_name:
        user.certificate_name = name  # prefilled from the full name; editable in the profile
        user.save(update_fields=["certificate_name"])
    certificate = Certificate.objects.create(
        enrollment=enrollment,
        learner_name=name,
        course_title=enrollment.course.title,
        issued_at=enrollment.completed_at,
    )
    send_templated_email(
        to=user,
        template="courses/certificate_issued",
        context={"certificate": certificate, "url": absolute_url(certificate.get_absolute_url())},
    )
    return certificate


@transaction.atomic
def certificate_name_set(*, user: User, name: str) -> int:
    """Set the name printed on the learner's certificates, including those already issued.

    Returns how many certificates now carry the new name.
    """
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Enter the name to print on your certificates."))
    if "@" in name:
        raise ServiceError(_("Enter your name, not an email address."))
    user = User.objects.select_for_update().get(pk=user.pk)
    user.certificate_name = name
    user.save(update_fields=["certificate_name"])  # courses.signals reprints the certificates
    return Certificate.objects.filter(enrollment__user=user).count()


def certificate_names_sync(*, user: User) -> int:
    """Every certificate the learner holds carries their current certificate name (if they have one)."""
    name = user.certificate_name.strip()
    if not name:
        return 0
    return Certificate.objects.filter(enrollment__user=user).exclude(learner_name=name).update(learner_name=name)


@transaction.atomic
def certificate_claim(*, enrollment: Enrollment, name: str) -> Certificate:
    """The learner gives the name to print, and receives the certificate of a completed course."""
    enrollment = Enrollment.objects.select_for_update().select_related("course").get(pk=enrollment.pk)
    if not enrollment.completed_at:
        raise ServiceError(_("The course is not complete yet."))
    if not enrollment.course.issues_certificate:
        raise ServiceError(_("This course does not issue certificates."))
    certificate_name_set(user=enrollment.user, name=name)
    certificate = certificate_issue(enrollment=enrollment)
    if certificate is None:
        raise ServiceError(_("Enter the name to print on your certificates."))
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may revoke certificates."))
    if not reason.strip():
        raise ServiceError(_("Give a reason for revoking the certificate."))
    certificate = lock(certificate)
    if certificate.revoked_at:
        raise ServiceError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, by: User) -> Certificate:
    if not by.is_programme_staff:
        raise ServiceError(_("Only programme staff may reinstate certificates."))
    certificate = lock(certificate)
    if not certificate.revoked_at:
        return certificate
    certificate.revoked_at = None
    certificate.revoked_by = None
    certificate.revocation_reason = ""
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate
