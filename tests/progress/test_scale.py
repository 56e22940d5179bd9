"""The scale data: the command generates each app's part and times the dashboards on it."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


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
