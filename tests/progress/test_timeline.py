"""An organization's timeline: every source's events merged newest first, in one query however many sources."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale

from advisors.factories import ConsultationFactory
from advisors.models import Consultation
from organizations.factories import MembershipFactory, UserFactory
from organizations.models import CapacityArea, User
from placements.factories import PlacementFactory, PlacementTransitionFactory
from placements.models import Placement
from progress import selectors
from progress.selectors.common import TIMELINE_LENGTH

pytestmark = pytest.mark.django_db


def _history(organization):
    now = timezone.now().replace(microsecond=0)
    aiko = MembershipFactory(
        organization=organization, user=UserFactory(display_name="Aiko Sato"), joined_at=now - timedelta(days=9)
    ).user
    ConsultationFactory(
        learner=aiko,
        organization=organization,
        status=Consultation.Status.COMPLETED,
        start=now - timedelta(days=5),
        end=now - timedelta(days=5) + timedelta(minutes=30),
        topic__name="Fundraising",
    )
    placement = PlacementFactory(
        organization=organization, state=Placement.State.APPROVED, capacity_area__name="Finance"
    )
    PlacementTransitionFactory(placement=placement, to_state=Placement.State.APPROVED)
    return aiko, placement


def test_every_source_newest_first_in_one_query(organization):
    aiko, placement = _history(organization)
    with CaptureQueriesContext(connection) as queries:
        events = selectors.timeline(organization, None, None)
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert [(str(e.kind), e.text) for e in events] == [
        ("Placement", "Placement in Finance: Approved"),
        ("Consultation", "Aiko Sato consulted an advisor on Fundraising"),
        ("Member", "Aiko Sato joined"),
    ]
    assert events[0].url == placement.get_absolute_url()
    assert [e.when for e in events] == sorted((e.when for e in events), reverse=True)


def test_a_member_timeline_leaves_out_what_is_no_one_members(organization):
    aiko, _placement = _history(organization)
    events = selectors.timeline(organization, None, User.objects.get(pk=aiko.pk))
    assert [str(e.kind) for e in events] == ["Consultation", "Member"]


def test_the_newest_events_within_the_length_whatever_the_sources(organization):
    now = timezone.now()
    for day in range(TIMELINE_LENGTH + 5):
        MembershipFactory(organization=organization, joined_at=now - timedelta(days=day + 1))
    _history(organization)
    events = selectors.timeline(organization, None, None)
    assert len(events) == TIMELINE_LENGTH
    assert str(events[0].kind) == "Placement"  # the newest, though another source has more rows than fit
    assert [e.when for e in events] == sorted((e.when for e in events), reverse=True)


def test_capacity_areas_in_the_readers_language(organization):
    _aiko, placement = _history(organization)
    japanese = Locale.objects.get_or_create(language_code="ja")[0]
    for area, name in ((placement.capacity_area, "財務"), (CapacityArea.objects.get(name="Fundraising"), "資金調達")):
        translated = area.copy_for_translation(japanese)
        translated.name = name
        translated.save()
    with translation.override("ja"):
        texts = [e.text for e in selectors.timeline(organization, None, None)]
    assert "財務" in texts[0] and "Finance" not in texts[0]
    assert "資金調達" in texts[1] and "Fundraising" not in texts[1]


def test_events_at_the_same_moment_come_in_a_fixed_order(organization):
    moment = timezone.now().replace(microsecond=0) - timedelta(days=2)
    first = MembershipFactory(organization=organization, joined_at=moment)
    second = MembershipFactory(organization=organization, joined_at=moment)
    ConsultationFactory(
        learner=first.user,
        organization=organization,
        status=Consultation.Status.COMPLETED,
        start=moment,
        end=moment + timedelta(minutes=30),
    )
    events = selectors.timeline(organization, None, None)
    assert [str(e.kind) for e in events] == ["Member", "Member", "Consultation"]
    assert events[0].text == f"{second.user} joined" and events[1].text == f"{first.user} joined"
    assert selectors.timeline(organization, None, None) == events
