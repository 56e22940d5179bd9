"""``lms.locking.lock``: the row re-read in place under a lock, only inside a transaction."""

import pytest
from django.db import transaction

from lms.locking import lock
from organizations.factories import OrganizationFactory
from organizations.models import Organization


def test_lock_rereads_the_row(organization):
    stale = Organization.objects.get(pk=organization.pk)
    Organization.objects.filter(pk=organization.pk).update(name="Renamed meanwhile")
    with transaction.atomic():
        fresh = lock(stale)
    assert fresh is stale and stale.name == "Renamed meanwhile"  # re-read in place


@pytest.mark.django_db(transaction=True)
def test_lock_needs_a_transaction():
    organization = OrganizationFactory(name="Outside", slug="outside")
    with pytest.raises(transaction.TransactionManagementError):
        lock(organization)
