"""How people join: requests to join an organization, new NGOs applying, and invitations in bulk.

Every transition locks its row, re-checks the state inside the transaction, records an audit
event and queues its emails on commit (``lms.email``), like ``placements/services.py``.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.audit import record
from lms.email import absolute_url, send_templated_email
from lms.errors import ServiceError

from .models import Invitation, JoinRequest, Membership, Organization, OrganizationApplication, Region, User
from .prefectures import REGION_OF
from .selectors import is_manager
from .services import invitation_create, send_invitation_email

JOIN_RETRY_DAYS = 30


def _require_manager(user, organization) -> None:
    if not (user.is_programme_staff or is_manager(user, organization)):
        raise ServiceError(_("Only the organization's managers may do this."))


def _managers(organization) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(organization=organization, role=Membership.Role.MANAGER).select_related(
            "user"
        )
    ]


def _url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs))


# Join requests ----------------------------------------------------------------------------------


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


# NGO applications -------------------------------------------------------------------------------


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
    from .models import ProgrammeRole

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


# Bulk invitations -------------------------------------------------------------------------------

BULK_MAX_ROWS = 500
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class BulkInputError(ValueError):
    """The list as a whole can't be used: nothing is sent."""


@dataclass
class BulkRow:
    line: int
    email: str
    name: str = ""
    role: str = Membership.Role.MEMBER
    outcome: str = ""  # "invited", "member", "pending", "invalid"
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == "invited"

    @property
    def role_label(self) -> str:
        return str(dict(Membership.Role.choices).get(self.role, ""))


@dataclass
class BulkResult:
    rows: list[BulkRow] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def invited(self) -> int:
        return self.count("invited")


ROLE_WORDS = {
    "member": Membership.Role.MEMBER,
    "manager": Membership.Role.MANAGER,
    "メンバー": Membership.Role.MEMBER,
    "マネージャー": Membership.Role.MANAGER,
    "管理者": Membership.Role.MANAGER,
}
HEADER_WORDS = {
    "name": "name",
    "氏名": "name",
    "名前": "name",
    "email": "email",
    "e-mail": "email",
    "email address": "email",
    "メール": "email",
    "メールアドレス": "email",
    "role": "role",
    "役割": "role",
}


def _is_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_PREFIXES) and not re.fullmatch(r"-?\d+(\.\d+)?", cell)


def parse_pasted(text: str, default_role: str) -> list[BulkRow]:
    """Addresses separated by new lines, commas, semicolons or spaces."""
    parts = [p for p in re.split(r"[\s,;]+", text or "") if p]
    if not parts:
        raise BulkInputError(_("Paste at least one email address."))
    if len(parts) > BULK_MAX_ROWS:
        raise BulkInputError(
            _("That is %(count)d addresses; send at most %(max)d at a time.")
            % {"count": len(parts), "max": BULK_MAX_ROWS}
        )
    for part in parts:
        if _is_formula(part):
            raise BulkInputError(
                _("“%(value)s” looks like a spreadsheet formula. Paste plain addresses.") % {"value": part[:40]}
            )
    return [BulkRow(line=n, email=part, role=default_role) for n, part in enumerate(parts, start=1)]


def parse_csv(data: bytes, default_role: str) -> list[BulkRow]:
    """A CSV with the columns name, email and role (a header row names them; email is required)."""
    if not data or not data.strip():
        raise BulkInputError(_("The file is empty."))
    if b"\x00" in data:
        raise BulkInputError(_("This is not a CSV file. Save the spreadsheet as CSV (UTF-8) and upload it again."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp932")  # Excel in Japanese saves Shift_JIS
        except UnicodeDecodeError:
            raise BulkInputError(_("The file could not be read. Save it as CSV (UTF-8) and upload it again.")) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise BulkInputError(_("The file is not a valid CSV file.")) from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise BulkInputError(_("The file is empty."))
    header = [HEADER_WORDS.get(cell.strip().casefold()) for cell in rows[0]]
    if "email" in header:
        columns, body, first_line = header, rows[1:], 2
    elif any("@" in cell for cell in rows[0]):
        columns, body, first_line = ["name", "email", "role"], rows, 1
    else:
        raise BulkInputError(_("The first row must name the columns: name, email, role."))
    if not body:
        raise BulkInputError(_("The file has a header but no people."))
    if len(body) > BULK_MAX_ROWS:
        raise BulkInputError(
            _("The file has %(count)d rows; upload at most %(max)d at a time.")
            % {"count": len(body), "max": BULK_MAX_ROWS}
        )
    result = []
    for offset, raw in enumerate(body):
        line = first_line + offset
        for cell in raw:
            if _is_formula(cell.strip()):
                raise BulkInputError(
                    _("Row %(line)d holds a spreadsheet formula (%(value)s). Remove formulas and upload again.")
                    % {"line": line, "value": cell.strip()[:40]}
                )
        values = {columns[i]: cell.strip() for i, cell in enumerate(raw) if i < len(columns) and columns[i]}
        row = BulkRow(line=line, email=values.get("email", ""), name=values.get("name", "")[:150])
        role_word = values.get("role", "").casefold()
        if not role_word:
            row.role = default_role
        elif role_word in ROLE_WORDS:
            row.role = ROLE_WORDS[role_word]
        else:
            row.role = ""
            row.outcome, row.reason = (
                "invalid",
                _("Unknown role “%(role)s”: use member or manager.") % {"role": values.get("role", "")[:40]},
            )
        result.append(row)
    return result


def invitations_bulk_create(
    *, organization: Organization, rows: list[BulkRow], invited_by: User, language: str = "en"
) -> BulkResult:
    """Check every row and invite the valid ones; each row's outcome is reported."""
    _require_manager(invited_by, organization)
    language = language if language in dict(settings.LANGUAGES) else "en"
    members = {
        e.lower() for e in Membership.objects.filter(organization=organization).values_list("user__email", flat=True)
    }
    seen: set[str] = set()
    result = BulkResult()
    for row in rows:
        result.rows.append(row)
        if row.outcome:
            continue
        email = row.email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            row.outcome, row.reason = "invalid", _("Not a valid email address.")
            continue
        row.email = email
        if email in seen:
            row.outcome, row.reason = "invalid", _("Listed twice.")
            continue
        seen.add(email)
        if email in members:
            row.outcome, row.reason = "member", _("Already a member.")
            continue
        try:
            invitation_create(
                organization=organization,
                email=email,
                role=row.role,
                invited_by=invited_by,
                name=row.name,
                language=language,
            )
        except ServiceError as error:
            row.outcome, row.reason = "pending", error.message_text
        else:
            row.outcome = "invited"
    record(
        action="invitation.bulk",
        actor=invited_by,
        target=organization,
        details={"invited": result.count("invited"), "rows": len(result.rows)},
    )
    return result


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User) -> Invitation:
    _require_manager(by, invitation.organization)
    locked = Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
    if locked.status != Invitation.Status.PENDING:
        raise ServiceError(_("Only pending invitations can be sent again."))
    locked.expires_at = timezone.now() + timedelta(days=settings.LMS_INVITATION_DAYS)
    locked.save(update_fields=["expires_at"])
    send_invitation_email(locked)
    record(action="invitation.resent", actor=by, target=locked)
    return locked
