"""Invitations in bulk, from pasted addresses or a CSV file, each row reported; and sending one again.

A list that can't be used as a whole (empty, too long, spreadsheet formulas) raises BulkInputError
and nothing is sent.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit import record
from lms.errors import ServiceError

from ..models import Invitation, Membership, Organization, User
from ..services import invitation_create, send_invitation_email
from .common import _require_manager

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
