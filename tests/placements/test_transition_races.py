"""PostgreSQL: two reviewers approving one report, or deciding one placement, at the same moment."""

import pytest
from django.core import mail

from placements import services
from placements.models import Placement, Report
from tests.concurrency import OK, mails_to, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

S = Placement.State


def test_two_approvals_of_one_report_approve_once_and_mail_once(people, make_placement, make_report):
    report = make_report(make_placement(S.ACTIVE))
    researcher = report.placement.researcher
    mail.outbox.clear()

    def approve(actor):
        return lambda: services.report_approve(report=Report.objects.get(pk=report.pk), by=actor)

    outcomes = race([approve(people["staff"]), approve(people["host"])])
    assert sorted(outcomes) == sorted([OK, "Only a submitted report can be reviewed."])
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert len(mails_to(researcher.email)) == 1


def test_approval_and_request_for_changes_at_once_end_in_one_state(people, make_placement, make_report):
    report = make_report(make_placement(S.ACTIVE))
    researcher = report.placement.researcher
    mail.outbox.clear()
    outcomes = race(
        [
            lambda: services.report_approve(report=Report.objects.get(pk=report.pk), by=people["staff"]),
            lambda: services.report_request_changes(
                report=Report.objects.get(pk=report.pk), by=people["host"], comment="Add numbers"
            ),
        ]
    )
    assert outcomes.count(OK) == 1, outcomes
    report.refresh_from_db()
    expected = Report.Status.APPROVED if outcomes[0] == OK else Report.Status.CHANGES_REQUESTED
    assert report.status == expected
    assert len(mails_to(researcher.email)) == 1
