"""What progress gives the personal home (registered in AppConfig.ready): the organization and programme
dashboards, a summary of each managed organization, and a self-assessment draft to finish."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms.home import Figure, Need, Tool
from organizations.models import Organization
from organizations.personal import managed

from .models import AssessmentResponse


def tools(user):
    organizations = managed(user)
    for organization in organizations:
        yield Tool(
            key=f"organization-{organization.slug}",
            label=_("Organization dashboard") if len(organizations) == 1 else organization.name,
            url=reverse("progress:organization", args=[organization.slug]),
            description=_("Progress of %(organization)s") % {"organization": organization.name},
            order=50,
        )
    if user.is_programme_staff:
        yield Tool(
            key="programme",
            label=_("Programme"),
            url=reverse("progress:programme"),
            description=_("Programme dashboard, statistics and exports"),
            order=70,
        )


def _summaries(user) -> list[Organization]:
    if not hasattr(user, "_lms_org_summaries"):
        ids = [o.pk for o in managed(user)]
        user._lms_org_summaries = list(
            Organization.objects.filter(pk__in=ids)
            .annotate(
                member_count=Count("memberships", distinct=True),
                drafts=Count(
                    "assessment_responses",
                    filter=Q(assessment_responses__status=AssessmentResponse.Status.DRAFT),
                    distinct=True,
                ),
                submitted=Count(
                    "assessment_responses",
                    filter=~Q(assessment_responses__status=AssessmentResponse.Status.DRAFT),
                    distinct=True,
                ),
            )
            .order_by("name")
            if ids
            else []
        )
    return user._lms_org_summaries


def needs(user):
    for organization in _summaries(user):
        if organization.drafts:
            yield Need(
                group=_("Your organization"),
                title=_("Finish the self-assessment of %(organization)s") % {"organization": organization.name},
                url=reverse("progress:assessments", args=[organization.slug]),
                order=16,
            )


def progress(user):
    for organization in _summaries(user):
        url = reverse("progress:organization", args=[organization.slug])
        yield Figure(
            label=_("Members of %(organization)s") % {"organization": organization.name},
            value=str(organization.member_count),
            url=url,
            order=50,
        )
        yield Figure(
            label=_("Self-assessments submitted by %(organization)s") % {"organization": organization.name},
            value=str(organization.submitted),
            url=url,
            order=51,
        )
