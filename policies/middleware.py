"""Send a person who must consent again to the consent page before anything else."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from .services import SESSION_KEY

EXEMPT = ("/static/", "/media/", "/i18n/", "/health/", "/calendar/", "/documents/")
EXEMPT_VIEWS = ("/accounts/consent/", "/accounts/logout/")


class ConsentRequiredMiddleware:
    """Only reads the session: the check itself runs once, at sign-in (``policies.signals``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and request.session.get(SESSION_KEY)
            and request.user.is_authenticated
            and not self._exempt(request.path_info)
        ):
            url = reverse("policies:consent")
            return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        if path.startswith(EXEMPT):
            return True
        language = translation.get_language_from_path(path)
        if language:
            path = path[len(language) + 1 :]
        return path.startswith(EXEMPT_VIEWS)
