"""The self-assessments a person answered for their organization (registered in apps.py)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from lms.personal_data import ExportSection, records

from .models import AssessmentResponse


def _answers(response) -> dict:
    return {
        _("answers"): [
            {_("indicator"): a.indicator.text, _("score"): a.score, _("evidence or comment"): a.comment}
            for a in response.answers.all()
        ]
    }


def export(user) -> list[ExportSection]:
    responses = (
        AssessmentResponse.objects.filter(Q(created_by=user) | Q(submitted_by=user))
        .select_related("organization", "assessment")
        .prefetch_related("answers__indicator")
    )
    return [
        ExportSection(
            key="progress_self_assessments",
            title=_("Capacity self-assessments you answered"),
            records=records(
                responses,
                ["organization", "assessment", "fiscal_year", "status", "summary", "created_at", "submitted_at"],
                extra=_answers,
            ),
        )
    ]
