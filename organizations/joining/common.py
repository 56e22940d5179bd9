"""What every way of joining needs: the managers' check, who they are, and links in the recipient's language."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lms.email import absolute_url
from lms.errors import ServiceError

from ..models import Membership, User
from ..selectors import is_manager


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
