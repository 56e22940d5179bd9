"""Which policy versions are current, and who has consented to them."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from lms.translations import localized

from .models import PolicyConsent, PolicyPage


@dataclass(frozen=True)
class CurrentPolicy:
    page: PolicyPage  # the page in the default language: consent points at it
    revision_id: int  # its live revision: the current version

    @property
    def kind(self) -> str:
        return self.page.kind


def current_policies() -> list[CurrentPolicy]:
    """The live policies in the default language, one per kind (the most recently published)."""
    pages = (
        PolicyPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, live_revision__isnull=False)
        .order_by("kind", "-last_published_at")
    )
    seen: dict[str, CurrentPolicy] = {}
    for page in pages:
        seen.setdefault(page.kind, CurrentPolicy(page=page, revision_id=page.live_revision_id))
    return list(seen.values())


def policy_for_reader(policy: CurrentPolicy) -> PolicyPage:
    """The policy in the active language where a translation is live, the original otherwise."""
    return localized(policy.page)


def outdated_policies(user) -> list[CurrentPolicy]:
    """The current policies ``user`` has not consented to in their current version."""
    if not user.is_authenticated:
        return []
    policies = current_policies()
    if not policies:
        return []
    consented = set(
        PolicyConsent.objects.filter(user=user, revision_id__in=[p.revision_id for p in policies]).values_list(
            "revision_id", flat=True
        )
    )
    return [p for p in policies if p.revision_id not in consented]


def consents_for_staff() -> QuerySet[PolicyConsent]:
    return PolicyConsent.objects.select_related("user", "policy", "revision").order_by("-consented_at")
