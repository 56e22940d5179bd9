"""The Content-Security-Policy: one strict policy for the site, a second one for the Wagtail admin.

django-csp applies ``CONTENT_SECURITY_POLICY`` to every response. The admin's pages are Wagtail's,
not ours, so they cannot carry per-view decorators; instead this middleware (django-csp's documented
extension point, ``get_policy_parts``) swaps in ``LMS_ADMIN_CONTENT_SECURITY_POLICY`` for every path
under the admin. A view that sets its own policy (``csp_override`` and friends) still wins.

The site's policy is the same string for nearly every response, so it is built once rather than
per request (building it was a tenth of a signed-in request's middleware time); anything that makes
a response differ (a view's own policy, a nonce, the admin, a report-only policy) takes the full path.
"""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

ADMIN_PREFIX = "/admin/"
PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
_site_header: list[str] = []


@receiver(setting_changed)
def _forget_site_header(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_header.clear()


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PREFIX)


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if not self._plain(request, response):
            return super().process_response(request, response)
        if not _site_header:
            _site_header.append(build_policy())
        if _site_header[0]:
            response[HEADER] = _site_header[0]
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _plain(request, response) -> bool:
        """The response gets exactly the site's policy: nothing about it or its request changes the header."""
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        return (
            getattr(request, "_csp_nonce", None) is None
            and not (settings.DEBUG and response.status_code in (404, 500))  # django-csp leaves debug pages alone
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not policy.get("EXCLUDE_URL_PREFIXES")
            and HEADER not in response
            and not is_admin_path(request.path_info)
            and not any(hasattr(response, name) for name in PER_RESPONSE)
        )

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.LMS_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
