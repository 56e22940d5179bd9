"""Scale data, the progress part (self-assessments), and ``measure()``, which times the dashboards on it.

The platform and each scheme generate their own part (``<app>.scale``, see ``lms.scale``); this
module reads none of their models. ``measure()`` requests the dashboards as their users would,
so it follows whatever the views and selectors do inside.
"""

from django.utils.text import slugify

from lms.scale import BATCH, ScaleContext
from organizations.models import Membership, Organization, User

from .models import Answer, Assessment, AssessmentResponse, Indicator


def generate(ctx: ScaleContext) -> None:
    """Submitted self-assessments for four organizations in five, last year and this year."""
    rng, prefix = ctx.rng, ctx.prefix
    assessment = Assessment.objects.filter(is_open=True).first()
    if assessment is None:
        assessment = Assessment.objects.create(title="Scale assessment", slug=slugify(prefix), is_open=True)
        Indicator.objects.bulk_create(
            [
                Indicator(
                    assessment=assessment,
                    capacity_area=area,
                    text=f"Indicator {area.name}",
                    level_1="1",
                    level_2="2",
                    level_3="3",
                    level_4="4",
                    sort_order=i,
                )
                for i, area in enumerate(ctx.capacity_areas)
            ]
        )
    indicators = list(assessment.indicators.all())
    responses = []
    for index, organization in enumerate(ctx.organizations):
        if index % 5 == 4:
            continue
        for fy in ctx.years[-2:]:
            responses.append(
                AssessmentResponse(
                    organization=organization,
                    assessment=assessment,
                    fiscal_year=fy,
                    status=AssessmentResponse.Status.SUBMITTED,
                    submitted_at=ctx.moment(fy),
                )
            )
    AssessmentResponse.objects.bulk_create(responses, batch_size=BATCH)
    responses = list(
        AssessmentResponse.objects.filter(organization__slug__startswith=f"{prefix}-org-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Answer.objects.bulk_create(
        [Answer(response_id=pk, indicator=i, score=rng.randint(1, 4)) for pk in responses for i in indicators],
        batch_size=BATCH,
    )
    ctx.log(f"{len(responses)} assessment responses")
    ctx.counts["assessment_responses"] = len(responses)


def measure(organization: Organization, *, log=print) -> list[tuple[str, int, float]]:
    """Time the dashboards at the current data size with the test client: (label, queries, seconds)."""
    import time

    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from organizations.models import ProgrammeRole

    staff, _created = User.objects.get_or_create(email="scale-staff@scale.example.org")
    staff.groups.add(Group.objects.get_or_create(name=ProgrammeRole.PROGRAMME_STAFF)[0])
    manager = Membership.objects.filter(organization=organization, role=Membership.Role.MANAGER).first().user
    members = Membership.objects.filter(organization=organization).count()
    base = reverse("progress:organization", kwargs={"slug": organization.slug})
    pages = [
        (manager, f"organization dashboard ({members} members), this year", base),
        (manager, f"organization dashboard ({members} members), all years", base + "?fy=all"),
        (manager, "organization members export (XLSX)", base + "export/members.xlsx?fy=all"),
        (staff, "programme dashboard, this year", reverse("progress:programme")),
        (staff, "programme dashboard, all years", reverse("progress:programme") + "?fy=all"),
        (staff, "programme organizations, page 1", reverse("progress:programme_organizations")),
        (
            staff,
            "programme organizations export (CSV)",
            reverse("progress:programme_export", args=["organizations", "csv"]),
        ),
    ]
    results = []
    for user, label, url in pages:
        client = Client()
        client.force_login(user)
        client.get(url)  # warm up
        with CaptureQueriesContext(connection) as queries:
            started = time.monotonic()
            response = client.get(url)
            elapsed = time.monotonic() - started
        results.append((label, len(queries), elapsed))
        log(f"{label}: HTTP {response.status_code}, {len(queries)} queries, {elapsed:.2f}s")
    return results
