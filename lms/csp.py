"""The Content-Security-Policy: one strict policy for the site, a second one for the Wagtail admin.

django-csp applies ``CONTENT_SECURITY_POLICY`` to every response. The admin's pages are Wagtail's,
not ours, so they cannot carry per-view decorators; instead this middleware (django-csp's documented
extension point, ``get_policy_parts``) swaps in ``LMS_ADMIN_CONTENT_SECURITY_POLICY`` for every path
under the admin. A view that sets its own policy (``csp_override`` and friends) still wins.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PREFIX)


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.LMS_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
