"""How people join: requests to join an organization, new NGOs applying, and invitations in bulk.

Every transition locks its row, re-checks the state inside the transaction, records an audit
event and queues its emails on commit (``lms.email``), like ``placements/services.py``.
"""

from .applications import (
    application_approve,
    application_decline,
    application_request_changes,
    application_submit,
    duplicate_name,
    name_key,
)
from .invitations import (
    BULK_MAX_ROWS,
    FORMULA_PREFIXES,
    HEADER_WORDS,
    ROLE_WORDS,
    BulkInputError,
    BulkResult,
    BulkRow,
    invitation_resend,
    invitations_bulk_create,
    parse_csv,
    parse_pasted,
)
from .join_requests import (
    JOIN_RETRY_DAYS,
    join_request_approve,
    join_request_create,
    join_request_decline,
    join_request_withdraw,
)

__all__ = [
    "BULK_MAX_ROWS",
    "BulkInputError",
    "BulkResult",
    "BulkRow",
    "FORMULA_PREFIXES",
    "HEADER_WORDS",
    "JOIN_RETRY_DAYS",
    "ROLE_WORDS",
    "application_approve",
    "application_decline",
    "application_request_changes",
    "application_submit",
    "duplicate_name",
    "invitation_resend",
    "invitations_bulk_create",
    "join_request_approve",
    "join_request_create",
    "join_request_decline",
    "join_request_withdraw",
    "name_key",
    "parse_csv",
    "parse_pasted",
]
