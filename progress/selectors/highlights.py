"""What the home page shows of progress: the organization dashboards a manager runs, the programme's for staff."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.fiscal import current_fiscal_year, fiscal_year_label
from organizations.models import Membership, Organization

from ..models import AssessmentResponse


def home_highlights(request) -> list[dict]:
    """Managers get their organizations' dashboards (and a draft assessment to finish); programme staff theirs."""
    user = request.user
    if not user.is_authenticated:
        return []
    if user.is_programme_staff:
        return [
            {
                "title": _("Programme progress"),
                "items": [
                    {
                        "url": reverse("progress:programme"),
                        "title": _("Programme dashboard"),
                        "meta": fiscal_year_label(current_fiscal_year()),
                    },
                    {
                        "url": reverse("progress:programme_organizations"),
                        "title": _("Compare organizations"),
                        "meta": "",
                    },
                ],
                "empty": "",
                "more_url": reverse("progress:programme"),
                "more_label": _("Programme dashboard"),
            }
        ]
    managed = list(
        Organization.objects.filter(memberships__user=user, memberships__role=Membership.Role.MANAGER)
        .annotate(
            drafts=Count(
                "assessment_responses",
                filter=Q(assessment_responses__status=AssessmentResponse.Status.DRAFT),
                distinct=True,
            )
        )
        .order_by("name")[:3]
    )
    if not managed:
        return []
    return [
        {
            "title": _("Your organization's progress"),
            "items": [
                {
                    "url": reverse("progress:organization", kwargs={"slug": organization.slug}),
                    "title": organization.name,
                    "meta": _("A self-assessment draft is waiting") if organization.drafts else "",
                }
                for organization in managed
            ],
            "empty": "",
            "more_url": reverse("progress:organization", kwargs={"slug": managed[0].slug}),
            "more_label": _("Open the dashboard"),
        }
    ]
