"""People, organizations and the vocabulary every scheme shares, split by concern and re-exported here.

``organizations.models.User`` is the project's user model (``AUTH_USER_MODEL``); the migrations name
``time_zone_choices``, ``new_calendar_token``, ``new_invitation_token``, ``default_language_only`` and
``UserManager`` here, so they stay importable from this package.
"""

from .accounts import (
    COMMON_TIME_ZONES,
    TIME_ZONE_CHOICES,
    ProgrammeRole,
    User,
    UserManager,
    new_calendar_token,
    time_zone_choices,
)
from .joining import Invitation, JoinRequest, OrganizationApplication, new_invitation_token
from .organizations import Membership, MembershipRemoval, Organization
from .vocabulary import CapacityArea, FieldOfActivity, Region, VocabularyBase, VocabularyQuerySet, default_language_only

__all__ = [
    "COMMON_TIME_ZONES",
    "TIME_ZONE_CHOICES",
    "CapacityArea",
    "FieldOfActivity",
    "Invitation",
    "JoinRequest",
    "Membership",
    "MembershipRemoval",
    "Organization",
    "OrganizationApplication",
    "ProgrammeRole",
    "Region",
    "User",
    "UserManager",
    "VocabularyBase",
    "VocabularyQuerySet",
    "default_language_only",
    "new_calendar_token",
    "new_invitation_token",
    "time_zone_choices",
]
