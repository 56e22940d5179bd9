"""Recording consent to the current policies."""

from django.db import IntegrityError, transaction
from django.utils import translation

from lms.audit import record

from .models import PolicyConsent
from .selectors import CurrentPolicy, outdated_policies

SESSION_KEY = "lms_consent_required"


@transaction.atomic
def consent_record(*, user, policies: list[CurrentPolicy], language: str | None = None) -> list[PolicyConsent]:
    """Store ``user``'s consent to each policy's current version; consenting twice keeps one record."""
    language = (language or translation.get_language() or "en")[:2]
    made = []
    for policy in policies:
        try:
            with transaction.atomic():
                consent, created = PolicyConsent.objects.get_or_create(
                    user=user,
                    revision_id=policy.revision_id,
                    defaults={"policy": policy.page, "language": language if language in ("en", "ja") else "en"},
                )
        except IntegrityError:  # the same consent sent twice at once
            continue
        if created:
            made.append(consent)
            record(
                action="policy.consented",
                actor=user,
                target=consent,
                details={"policy": policy.kind, "revision": policy.revision_id},
            )
    return made


def consent_check_at_sign_in(*, request, user) -> bool:
    """Remember in the session whether ``user`` must consent again before going on."""
    needed = bool(outdated_policies(user))
    if needed:
        request.session[SESSION_KEY] = True
    else:
        request.session.pop(SESSION_KEY, None)
    return needed
