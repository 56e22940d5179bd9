"""The consultations provider: what its measure counts, its tables, and queries that do not grow with the data."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from advisors.factories import (
    AdvisorProfileFactory,
    ConsultationFactory,
    ConsultationRecordFactory,
    FeedbackFactory,
    FollowUpFactory,
)
from advisors.models import Consultation, ConsultationRecord
from advisors.progress import ConsultationsProvider
from lms import figures
from lms.fiscal import FISCAL_TZ
from lms.measures import Period, Scope
from organizations.factories import CapacityAreaFactory, MembershipFactory
from organizations.models import Organization

pytestmark = pytest.mark.django_db

FY = 2024
YEAR = Period.year(FY)
Status = Consultation.Status


@pytest.fixture
def provider():
    return figures.provider("consultations")


@pytest.fixture
def member(organization):
    return MembershipFactory(organization=organization)


@pytest.fixture
def topic():
    return CapacityAreaFactory(name="Fundraising", slug="fundraising")


class Clock:
    """Consultation times an hour apart, so no two overlap for one advisor or learner (PostgreSQL's exclusion
    constraints)."""

    def __init__(self, start):
        self.next = start

    def __call__(self):
        value, self.next = self.next, self.next + timedelta(hours=2)
        return value


@pytest.fixture
def at():
    return Clock(datetime(FY, 6, 1, 10, tzinfo=FISCAL_TZ))


@pytest.fixture
def consult(member, topic, at):
    def make(status=Status.COMPLETED, *, start=None, membership=None, **extra):
        return ConsultationFactory(
            membership=membership or member,
            topic=extra.pop("topic", topic),
            status=status,
            start=start or at(),
            **extra,
        )

    return make


def held(scope, period=YEAR):
    return figures.totals([figures.measure("consultations")], scope, period)["consultations"]


def test_the_provider_is_registered_with_its_measure():
    provider = figures.provider("consultations")
    assert isinstance(provider, ConsultationsProvider)
    assert provider.headline == "consultations"
    assert figures.measure("consultations").member_label == "Consultations held"


def test_consultations_held_in_the_period_are_counted(organization, member, consult):
    consult()
    consult()
    consult(Status.CONFIRMED)
    consult(Status.CANCELLED)
    consult(Status.NO_SHOW)
    consult(start=datetime(FY, 3, 31, 23, tzinfo=FISCAL_TZ))  # the fiscal year before
    consult(membership=MembershipFactory())  # another organization
    assert held(Scope(organizations=organization.pk)) == 2
    assert held(Scope(organizations=organization.pk), Period.year(FY - 1)) == 1
    assert held(Scope(organizations=organization.pk), Period()) == 3
    assert held(Scope()) == 3


def test_the_member_and_area_filters(organization, member, consult):
    colleague = MembershipFactory(organization=organization)
    consult()
    consult(membership=colleague)
    consult(topic=CapacityAreaFactory(name="Governance", slug="governance"))
    assert held(Scope(organizations=organization.pk, member=member.user_id)) == 2
    assert held(Scope(organizations=organization.pk, area="fundraising")) == 2
    assert held(Scope(organizations=organization.pk, member=colleague.user_id, area="governance")) == 0
    queryset = Organization.objects.filter(pk=organization.pk).values("pk")
    assert held(Scope(organizations=queryset, area="governance")) == 1


def test_organization_tables_by_topic_and_outcome(provider, organization, consult):
    ConsultationRecordFactory(consultation=consult(), outcome=ConsultationRecord.Outcome.REFERRED)
    consult(Status.CONFIRMED)
    consult(Status.DECLINED)
    consult(start=datetime(FY + 1, 4, 2, 10, tzinfo=FISCAL_TZ))  # the next fiscal year
    tables = provider.organization_tables(Scope(organizations=organization.pk), Period.year(FY))
    assert set(tables) == {"consultations", "outcomes"}
    assert tables["consultations"].caption == "Consultations by topic"
    assert tables["consultations"].rows == [["Fundraising", 2, 1]]
    outcomes = dict(tables["outcomes"].rows)
    assert sum(outcomes.values()) == 1
    assert outcomes[ConsultationRecord.Outcome.REFERRED.label] == 1


def test_open_follow_ups_for_the_organization_and_for_one_member(provider, organization, member, consult):
    FollowUpFactory(consultation=consult())
    FollowUpFactory(consultation=consult(), done=True)
    FollowUpFactory(consultation=consult(membership=MembershipFactory(organization=organization)))
    FollowUpFactory(consultation=consult(Status.CANCELLED))
    scope = Scope(organizations=organization.pk)
    assert provider.organization_figures(scope, Period.year(FY)) == {"open_follow_ups": 2}
    one = Scope(organizations=organization.pk, member=member.user_id)
    assert provider.organization_figures(one, Period.year(FY)) == {"open_follow_ups": 1}
    assert provider.organization_figures(scope, Period.year(FY + 1)) == {"open_follow_ups": 0}


def test_programme_tables_per_advisor_topic_and_region(provider, organization, consult):
    advisor = AdvisorProfileFactory(slug="kenji", user__first_name="Kenji", user__last_name="Sato")
    FeedbackFactory(consultation=consult(advisor=advisor), rating=4)
    FeedbackFactory(consultation=consult(advisor=advisor), rating=5)
    consult(Status.CANCELLED, advisor=advisor)  # not booked: "Booked" means the same on every page
    consult(advisor=advisor, membership=MembershipFactory())  # another organization, outside the scope
    scope = Scope(organizations=Organization.objects.filter(pk=organization.pk).values("pk"))
    tables = provider.programme_tables(scope, Period.year(FY))
    assert set(tables) == {"advisors", "topics", "advisor_regions"}
    assert tables["advisors"].rows == [["Kenji Sato", 2, 2, 4.5]]
    assert tables["advisors"].links == [reverse("advisors:programme") + "?advisor=kenji"]
    assert tables["topics"].rows == [["Fundraising", 2, 2, 4.5]]
    assert tables["advisor_regions"].rows[0][1:] == [2, 2, 4.5]
    everywhere = provider.programme_tables(Scope(), Period.year(FY))
    assert everywhere["advisors"].rows == [["Kenji Sato", 3, 3, 4.5]]
    assert provider.programme_tables(Scope(area="governance"), Period.year(FY))["topics"].rows == []


def test_timeline_newest_first_within_the_limit(provider, organization, member, consult):
    consult()
    second, third = consult(), consult()
    consult(Status.CONFIRMED)
    events = provider.timeline(Scope(organizations=organization.pk), Period.year(FY), 2)
    assert [event.when for event in events] == [third.start, second.start]
    assert events[0].kind == "Consultation"
    assert events[0].text == f"{member.user} consulted an advisor on Fundraising"


def test_recommendations_are_listed_advisors_accepting_consultations(provider, topic):
    other = CapacityAreaFactory()
    shown = AdvisorProfileFactory(slug="a-shown", expertise=[topic, other])
    AdvisorProfileFactory(slug="b-closed", expertise=[topic], accepting_consultations=False)
    AdvisorProfileFactory(slug="c-inactive", expertise=[topic], is_active=False)
    AdvisorProfileFactory(slug="d-elsewhere", expertise=[CapacityAreaFactory()])
    assert provider.recommendations([topic.pk, other.pk], 5) == {"advisors": [shown]}


def test_member_records_and_learner_figures(provider, organization, member, consult):
    mine = consult()
    consult(Status.CONFIRMED)
    elsewhere = consult(membership=MembershipFactory(user=member.user))
    consult(membership=MembershipFactory(organization=organization))  # a colleague's
    consult(topic=CapacityAreaFactory(name="Governance", slug="governance"))
    records = provider.member_records(member.user, organization.pk)["consultations"]
    assert mine in records and elsewhere not in records and len(records) == 2
    assert len(provider.member_records(member.user, None)["consultations"]) == 3
    assert provider.learner_figures(member.user) == {
        "consultations_held": 3,
        "consultations_by_topic": [{"topic__name": "Fundraising", "n": 2}, {"topic__name": "Governance", "n": 1}],
    }


@pytest.mark.parametrize("method", ["organization_tables", "programme_tables", "timeline"])
def test_query_counts_do_not_grow_with_the_data(method, provider, organization, consult, django_assert_num_queries):
    def run():
        scope = Scope(organizations=organization.pk)
        if method == "timeline":
            return provider.timeline(scope, Period.year(FY), 10)
        if method == "programme_tables":
            scope = Scope(
                organizations=Organization.objects.filter(pk=organization.pk).values("pk"), area="fundraising"
            )
        return getattr(provider, method)(scope, Period.year(FY))

    expected = {"organization_tables": 1, "programme_tables": 3, "timeline": 1}[method]
    with django_assert_num_queries(expected):
        run()
    for _ in range(3):
        ConsultationRecordFactory(consultation=consult(advisor=AdvisorProfileFactory(), topic=CapacityAreaFactory()))
        FeedbackFactory(consultation=consult())
    with django_assert_num_queries(expected):
        run()


def test_the_advisors_programme_page_counts_booked_as_the_dashboards_do(provider, consult):
    from advisors.selectors import programme_consultations, programme_overview

    consult()
    consult(Status.DECLINED)
    consult(Status.CANCELLED)
    overview = programme_overview(programme_consultations())
    assert [(row["total"], row["held"]) for row in overview["by_topic"]] == [(1, 1)]
    assert provider.programme_tables(Scope(), Period.year(FY))["topics"].rows[0][1:3] == [1, 1]
