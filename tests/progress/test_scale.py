"""The scale data: each app generates its own part, the same seed gives the same batch, and the command
times the dashboards on it."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from advisors.models import Consultation
from courses.models import Enrollment, SeminarRegistration
from organizations.models import Membership
from placements.models import Placement
from progress.management.commands.load_scale_data import GENERATORS, run_generators
from progress.models import AssessmentResponse
from progress.scale import measure
from studygroups.models import GroupMembership

pytestmark = pytest.mark.django_db

SMALL = {"organizations": 11, "learners": 60, "courses": 3, "seminars": 2, "advisors": 2, "study_groups": 1}
SCHEME_IMPORT = re.compile(r"^\s*(from|import) (courses|advisors|studygroups|placements)\b", re.M)


def _batch(prefix: str) -> dict:
    """What one batch wrote, with its name taken out so two batches can be compared."""
    mine = {"organization__slug__startswith": f"{prefix}-org-"}
    rows = {
        "memberships": Membership.objects.filter(**mine).values_list("user__email", "role", "joined_at"),
        "enrollments": Enrollment.objects.filter(**mine).values_list(
            "user__email", "course__slug", "enrolled_at", "completed_at"
        ),
        "registrations": SeminarRegistration.objects.filter(**mine).values_list(
            "user__email", "session__seminar__slug", "session__starts_at", "seat", "attended"
        ),
        "consultations": Consultation.objects.filter(**mine).values_list(
            "learner__email", "advisor__slug", "start", "topic"
        ),
        "group_members": GroupMembership.objects.filter(**mine).values_list("user__email", "group__slug", "created_at"),
        "placements": Placement.objects.filter(**mine).values_list("organization__slug", "start_date", "state"),
        "responses": AssessmentResponse.objects.filter(**mine).values_list("organization__slug", "submitted_at"),
    }
    return {
        name: [tuple(v.replace(prefix, "*") if isinstance(v, str) else v for v in row) for row in query.order_by("pk")]
        for name, query in rows.items()
    }


def test_each_part_writes_its_records_and_counts_them():
    ctx = run_generators(**SMALL, first_organization_members=20)
    assert list(ctx.counts) == [
        "organizations",
        "learners",
        "courses",
        "enrollments",
        "seminar_registrations",
        "consultations",
        "study_group_members",
        "placements",
        "assessment_responses",
    ]
    batch = _batch(ctx.prefix)
    assert ctx.counts["learners"] == len(batch["memberships"]) == 60
    assert ctx.counts["enrollments"] == len(batch["enrollments"]) >= 60
    assert ctx.counts["seminar_registrations"] == len(batch["registrations"]) > 0
    assert ctx.counts["consultations"] == len(batch["consultations"]) > 0
    assert ctx.counts["study_group_members"] == len(batch["group_members"]) == 10
    assert ctx.counts["placements"] == len(batch["placements"]) == 2
    assert ctx.counts["assessment_responses"] == len(batch["responses"]) == 9 * 2
    assert Membership.objects.filter(organization=ctx.organizations[0]).count() == 20


def test_the_same_seed_gives_the_same_batch_again(monkeypatch):
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)  # the current year's moments are drawn up to now
    first = run_generators(**SMALL, seed=11)
    second = run_generators(**SMALL, seed=11)
    assert first.prefix != second.prefix  # a new batch beside the first, not a clash with it
    assert first.counts == second.counts
    assert _batch(first.prefix) == _batch(second.prefix)
    assert _batch(run_generators(**SMALL, seed=12).prefix) != _batch(first.prefix)


def _log(**options) -> list[str]:
    out = StringIO()
    call_command("load_scale_data", **SMALL, seed=5, stdout=out, **options)
    lines = [re.sub(r"^\s+[\d.]+s\s+", "", line) for line in out.getvalue().splitlines()]
    return lines


def test_the_command_twice_with_one_seed_adds_two_batches_of_the_same_counts():
    first, second = _log(), _log()
    counted = [line for line in first if line[:1].isdigit()]
    assert counted[:2] == ["11 organizations", "60 learners and memberships"]
    assert len(counted) == 8  # one line for each part's records
    assert counted == [line for line in second if line[:1].isdigit()]
    assert Membership.objects.filter(user__email__startswith="scale-").count() == 2 * 60


def test_the_command_measures_the_dashboards():
    out = StringIO()
    call_command(
        "load_scale_data",
        organizations=3,
        learners=30,
        courses=2,
        seminars=1,
        advisors=1,
        study_groups=1,
        first_organization_members=12,
        measure=True,
        stdout=out,
    )
    text = out.getvalue()
    assert "30 learners" in text and "organization dashboard (12 members)" in text
    assert "HTTP 200" in text and "HTTP 404" not in text


def test_measure_times_every_dashboard_through_its_view():
    ctx = run_generators(organizations=2, learners=10, courses=1, seminars=1, advisors=1, study_groups=1)
    lines = []
    results = measure(ctx.organizations[0], log=lines.append)
    assert len(results) == len(lines) == 7
    assert all("HTTP 200" in line for line in lines)
    assert all(queries > 0 for _label, queries, _seconds in results)


def test_progress_generates_the_scale_data_without_importing_a_scheme():
    """Each scheme's part lives in that scheme; progress reaches it only by name, through the command."""
    base = Path(settings.BASE_DIR)
    sources = [base / "progress" / "scale.py", *(base / "progress" / "management").rglob("*.py")]
    assert [path.name for path in sources if SCHEME_IMPORT.search(path.read_text())] == []
    assert [path.split(".")[0] for path in GENERATORS] == [
        "organizations",
        "courses",
        "advisors",
        "studygroups",
        "placements",
        "progress",
    ]
    assert all((base / path.replace(".", "/")).with_suffix(".py").exists() for path in GENERATORS)
