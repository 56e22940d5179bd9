"""Two reviewers acting at once: the row lock lets one win; the other gets a clear message."""

import threading

import pytest
from django.db import connection

from lms.errors import ServiceError
from placements import services
from placements.models import Placement, PlacementTransition


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_approvals_move_the_placement_once(make_placement, programme_staff):
    placement = make_placement(Placement.State.MATCHED)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve():
        try:
            barrier.wait()
            services.placement_approve(placement=Placement.objects.get(pk=placement.pk), by=programme_staff)
            outcomes.append("ok")
        except ServiceError as error:
            outcomes.append(error.message_text)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert any("is approved, so you cannot approve" in o for o in outcomes)
    assert PlacementTransition.objects.filter(placement=placement, to_state="approved").count() == 1
