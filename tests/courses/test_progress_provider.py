"""The courses and seminars providers: each measure counts what its doc says, for the scope and period asked,
and every table is built in a number of queries that does not depend on the data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from courses.factories import EnrollmentFactory, SeminarRegistrationFactory
from courses.models import Certificate, Enrollment, SeminarRegistration
from courses.progress import CoursesProvider, SeminarsProvider
from lms import figures
from lms.fiscal import current_fiscal_year
from lms.measures import Period, Scope
from organizations.factories import CapacityAreaFactory, MembershipFactory, OrganizationFactory
from organizations.models import Organization

pytestmark = pytest.mark.django_db

CONFIRMED = SeminarRegistration.Status.CONFIRMED


def ago(days: int):
    return timezone.now() - timedelta(days=days)


def last_ten_days() -> Period:
    today = timezone.localdate()
    return Period.days(today - timedelta(days=10), today)


@pytest.fixture
def areas():
    return CapacityAreaFactory(name="Fundraising", slug="fundraising"), CapacityAreaFactory(
        name="Safety", slug="safety"
    )


@pytest.fixture
def people(organization, other_organization):
    """Two members of the organization and one of another organization."""
    first, second = (MembershipFactory(organization=organization).user for _ in range(2))
    return first, second, MembershipFactory(organization=other_organization).user


@pytest.fixture
def courses(make_course, areas):
    """A course tagged with both capacity areas, and one with none."""
    tagged = make_course(lessons=1, quiz_on_last=False, title="Accounting basics")
    tagged.capacity_areas.add(*areas)
    tagged.save_revision().publish()
    return tagged, make_course(lessons=1, quiz_on_last=False, title="Budgeting")


@pytest.fixture
def enrollments(organization, other_organization, people, courses):
    first, second, outsider = people
    tagged, plain = courses

    def enroll(user, course, organization, enrolled, completed=None, **kwargs):
        return EnrollmentFactory(
            user=user, course=course, organization=organization, enrolled_at=enrolled, completed_at=completed, **kwargs
        )

    in_period = enroll(first, tagged, organization, ago(2), ago(1))
    Certificate.objects.create(enrollment=in_period, learner_name="A", course_title="Accounting basics")
    earlier = enroll(second, tagged, organization, ago(30), ago(2))
    Certificate.objects.create(
        enrollment=earlier, learner_name="B", course_title="Accounting basics", revoked_at=ago(0)
    )
    enroll(first, plain, organization, ago(2), ago(1), status=Enrollment.Status.WITHDRAWN)
    enroll(second, plain, organization, ago(3))
    enroll(outsider, tagged, other_organization, ago(2), ago(1))


ALL_TIME = Period()


def count(name: str, scope: Scope, period: Period = ALL_TIME) -> int:
    return figures.measure(name).queryset(scope, period).count()


def test_the_providers_are_registered():
    courses, seminars = figures.provider("courses"), figures.provider("seminars")
    assert isinstance(courses, CoursesProvider) and isinstance(seminars, SeminarsProvider)
    assert (courses.order, courses.headline, str(courses.label)) == (10, "completions", "Courses")
    assert (seminars.order, seminars.headline, str(seminars.label)) == (20, "seminar_attendances", "Seminars")
    assert [str(m.member_label) for m in courses.measures + seminars.measures] == [
        "Courses started",
        "Courses completed",
        "Seminars attended",
    ]
    assert set(courses.counted) == {"courses.Enrollment", "courses.Certificate"}
    assert set(seminars.counted) == {"courses.SeminarRegistration"}
    assert seminars.shared == ("courses.SeminarSession",)


def test_course_measures_count_what_their_docs_say(organization, people, areas, enrollments):
    first, _second, _outsider = people
    own = Scope(organizations=organization.pk)
    period = last_ten_days()
    # Enrolled in the period: not the earlier enrollment, not the withdrawn one, not another organization's.
    assert count("enrollments", own, period) == 2
    assert count("enrollments", own) == 3
    # Completed in the period, whenever enrolled; the withdrawn enrollment's completion is not counted.
    assert count("completions", own, period) == 2
    assert count("completions", Scope(organizations=organization.pk, member=first.pk), period) == 1
    assert count("enrollments", Scope(organizations=organization.pk, member=first.pk), period) == 1
    # A course tagged with two areas counts once in each.
    assert count("completions", Scope(organizations=organization.pk, area=areas[0].slug), period) == 2
    assert count("enrollments", Scope(organizations=organization.pk, area=areas[1].slug), period) == 1
    assert count("completions", Scope(organizations=organization.pk, area="nowhere"), period) == 0
    assert count("completions", Scope(), period) == 3
    chosen = Organization.objects.filter(pk=organization.pk).values("pk")
    assert count("completions", Scope(organizations=chosen), period) == 2
    assert count("completions", own, Period.days(timezone.localdate() + timedelta(days=1), timezone.localdate())) == 0


def test_course_figures_for_an_organization_and_for_one_member(organization, people, enrollments):
    first, _second, _outsider = people
    provider = figures.provider("courses")
    period = last_ten_days()
    own = provider.organization_figures(Scope(organizations=organization.pk), period)
    # Two completions in the period, one of them with a revoked certificate.
    assert own == {"courses": {"enrollments": 2, "learners": 2, "completions": 2, "certificates": 1}}
    everything = provider.organization_figures(Scope(organizations=organization.pk), Period())
    assert everything["courses"] == {"enrollments": 3, "learners": 2, "completions": 2, "certificates": 1}
    one = provider.organization_figures(Scope(organizations=organization.pk, member=first.pk), period)
    assert one == {"courses": {"enrollments": 1, "learners": 1, "completions": 1, "certificates": 1}}


def test_course_tables(organization, courses, enrollments):
    provider = figures.provider("courses")
    scope, period = Scope(organizations=organization.pk), last_ten_days()
    tables = provider.organization_tables(scope, period)
    assert set(tables) == {"courses", "course_areas"}
    tagged, plain = courses
    assert tables["courses"].rows == [["Accounting basics", 1, 1, 100], ["Budgeting", 1, 0, 0]]
    assert tables["courses"].links == [tagged.url, plain.url]
    assert tables["course_areas"].rows == [["Fundraising", 2], ["Safety", 2]]
    rates = provider.programme_tables(Scope(organizations=Organization.objects.values("pk")), period)
    assert set(rates) == {"course_rates"}
    assert rates["course_rates"].rows == [["Accounting basics", 2, 2, 100], ["Budgeting", 1, 0, 0]]
    assert provider.programme_tables(Scope(area="safety"), period)["course_rates"].rows == [
        ["Accounting basics", 2, 2, 100]
    ]
    empty = provider.organization_tables(Scope(organizations=OrganizationFactory().pk), period)
    assert (empty["courses"].rows, str(empty["courses"].empty)) == ([], "No course enrollments in this period.")


def test_course_timeline_records_and_recommendations(organization, people, courses, areas, enrollments):
    first, second, _outsider = people
    provider = figures.provider("courses")
    events = provider.timeline(Scope(organizations=organization.pk), Period(), 10)
    assert [(event.kind, event.text) for event in events] == [
        ("Course", f"{first} completed Accounting basics"),
        ("Course", f"{second} completed Accounting basics"),
    ]
    assert events[0].url == courses[0].url
    assert len(provider.timeline(Scope(organizations=organization.pk), Period(), 1)) == 1
    mine = provider.timeline(Scope(organizations=organization.pk, member=first.pk), Period(), 10)
    assert [event.text for event in mine] == [f"{first} completed Accounting basics"]
    assert provider.recommendations([areas[0].pk], 5) == {"courses": [courses[0]]}
    records = provider.member_records(second, organization.pk)["enrollments"]
    assert [(e.course_id, e.lesson_total, e.percent) for e in records] == [
        (courses[1].pk, 1, 0),
        (courses[0].pk, 1, 100),
    ]
    assert provider.member_records(second, OrganizationFactory().pk) == {"enrollments": []}
    assert [e.course_id for e in provider.learner_figures(first)["enrollments"]] == [courses[0].pk]


@pytest.fixture
def registrations(organization, other_organization, people, make_session, areas):
    """In the period: a session of a seminar tagged with both areas; before it, another session."""
    first, second, outsider = people
    current = make_session(starts_at=ago(2), capacity=4)
    current.seminar.capacity_areas.add(*areas)
    current.seminar.save_revision().publish()
    earlier = make_session(starts_at=ago(40))
    third = MembershipFactory(organization=organization).user
    fourth = MembershipFactory(organization=organization).user

    def register(session, user, organization, seat=None, **kwargs):
        status = CONFIRMED if seat else kwargs.pop("status")
        return SeminarRegistrationFactory(
            session=session, user=user, organization=organization, status=status, seat=seat, **kwargs
        )

    register(current, first, organization, seat=1, attended=True)
    register(current, second, organization, seat=2)
    register(current, third, organization, status=SeminarRegistration.Status.WAITLISTED)
    register(current, fourth, organization, status=SeminarRegistration.Status.CANCELLED)
    register(current, outsider, other_organization, seat=3, attended=True)
    register(earlier, first, organization, seat=1, attended=True)
    return current, earlier


def test_seminar_measure_counts_what_its_doc_says(organization, people, areas, registrations):
    first, second, _outsider = people
    own, period = Scope(organizations=organization.pk), last_ten_days()
    assert count("seminar_attendances", own, period) == 1
    assert count("seminar_attendances", own) == 2
    assert count("seminar_attendances", Scope(organizations=organization.pk, member=second.pk), period) == 0
    assert count("seminar_attendances", Scope(organizations=organization.pk, member=first.pk)) == 2
    assert count("seminar_attendances", Scope(organizations=organization.pk, area=areas[0].slug)) == 1
    assert count("seminar_attendances", Scope(area=areas[1].slug), period) == 2


def test_seminar_figures_and_tables(organization, people, registrations):
    first, _second, _outsider = people
    current, _earlier = registrations
    provider = figures.provider("seminars")
    scope, period = Scope(organizations=organization.pk), last_ten_days()
    totals = {"registrations": 3, "confirmed": 2, "waitlisted": 1, "attended": 1, "attendees": 1}
    assert provider.organization_figures(scope, period) == {"seminars": totals}
    one = provider.organization_figures(Scope(organizations=organization.pk, member=first.pk), Period())
    assert one == {"seminars": {"registrations": 2, "confirmed": 2, "waitlisted": 0, "attended": 2, "attendees": 1}}
    tables = provider.organization_tables(scope, period)
    assert set(tables) == {"seminars"}
    day = timezone.localtime(current.starts_at).date()
    assert tables["seminars"].rows == [[current.seminar.title, day, 3, 2, 1]]
    assert tables["seminars"].links == [current.seminar.url]
    chosen = Scope(organizations=Organization.objects.filter(pk=organization.pk).values("pk"))
    rates = provider.programme_tables(chosen, period)
    assert set(rates) == {"seminar_rates"}
    assert rates["seminar_rates"].rows == [[current.seminar.title, day, 4, 2, 50, 1, 50]]
    assert provider.programme_tables(Scope(), period)["seminar_rates"].rows == [
        [current.seminar.title, day, 4, 3, 75, 2, 67]
    ]
    assert provider.programme_tables(Scope(area="nowhere"), period)["seminar_rates"].rows == []


def test_seminar_timeline_records_and_recommendations(organization, people, areas, registrations, make_session):
    first, second, _outsider = people
    current, earlier = registrations
    provider = figures.provider("seminars")
    events = provider.timeline(Scope(organizations=organization.pk), Period(), 10)
    assert [(event.when, event.kind) for event in events] == [
        (current.starts_at, "Seminar"),
        (earlier.starts_at, "Seminar"),
    ]
    assert events[0].text == f"{first} attended {current.seminar.title}" and events[0].url == current.seminar.url
    assert provider.timeline(Scope(organizations=organization.pk, member=second.pk), Period(), 10) == []
    assert len(provider.timeline(Scope(organizations=organization.pk), Period(), 1)) == 1
    # Only a seminar with a session still to come is recommended.
    assert provider.recommendations([areas[0].pk], 5) == {"seminars": []}
    make_session(seminar=current.seminar, starts_at=timezone.now() + timedelta(days=3))
    assert provider.recommendations([areas[0].pk], 5) == {"seminars": [current.seminar]}
    seminars = provider.member_records(first, organization.pk)["seminars"]
    assert [r.session_id for r in seminars] == [current.pk, earlier.pk]
    assert provider.learner_figures(first) == {"seminars_attended": 2}
    assert provider.learner_figures(second) == {"seminars_attended": 0}


def _add_activity(organization, make_course, make_session, n: int) -> None:
    for i in range(n):
        user = MembershipFactory(organization=organization).user
        course = make_course(lessons=1, quiz_on_last=False)
        course.capacity_areas.add(CapacityAreaFactory(slug=f"area-{n}-{i}"))
        EnrollmentFactory(user=user, course=course, organization=organization, enrolled_at=ago(2), completed_at=ago(1))
        session = make_session(starts_at=ago(3))
        SeminarRegistrationFactory(
            session=session, user=user, organization=organization, seat=1, attended=True, status=CONFIRMED
        )


@pytest.mark.parametrize(
    ("key", "organization_tables", "programme_tables", "timeline"),
    [("courses", 2, 1, 1), ("seminars", 1, 1, 1)],
)
def test_queries_do_not_grow_with_the_data(
    key,
    organization_tables,
    programme_tables,
    timeline,
    organization,
    make_course,
    make_session,
    django_assert_num_queries,
):
    provider = figures.provider(key)
    scope = Scope(organizations=organization.pk)
    programme = Scope(organizations=Organization.objects.values("pk"), area="area-1-0")
    period = last_ten_days()
    if connection.vendor == "postgresql":
        organization_tables = 1  # a provider's tables are read in one round trip there (lms.batch)
    for size in (1, 4):
        _add_activity(organization, make_course, make_session, size)
        provider.timeline(scope, period, 10)  # warms the site root paths cache for the links
        with django_assert_num_queries(organization_tables):
            provider.organization_tables(scope, period)
        with django_assert_num_queries(programme_tables):
            provider.programme_tables(programme, period)
        with django_assert_num_queries(timeline):
            events = provider.timeline(scope, period, 10)
        assert len(events) == (1 if size == 1 else 5)


def test_the_measures_answer_the_shared_helpers(organization, people, enrollments, registrations):
    """The dashboards ask many measures at once (one UNION query): every measure here must fit in one."""
    first, second, _outsider = people
    measures = [figures.measure(name) for name in ("enrollments", "completions", "seminar_attendances")]
    own, period = Scope(organizations=organization.pk), last_ten_days()
    assert figures.totals(measures, own, period) == {"enrollments": 2, "completions": 2, "seminar_attendances": 1}
    people_counts = figures.by_person(measures, own, period, [first.pk])
    assert people_counts == {
        "enrollments": {first.pk: 1},
        "completions": {first.pk: 1},
        "seminar_attendances": {first.pk: 1},
    }
    assert figures.by_person(measures, own, Period())["completions"] == {first.pk: 1, second.pk: 1}
    fy = current_fiscal_year()  # every record here is at most 40 days old: this year or the last
    yearly = figures.by_year(measures, own, [fy - 1, fy])
    assert {name: sum(counts.values()) for name, counts in yearly.items()} == figures.totals(measures, own, Period())
    annotated = Organization.objects.annotate(n=figures.per_organization(figures.measure("completions"), period))
    assert dict(annotated.values_list("pk", "n"))[organization.pk] == 2


def test_links_built_from_a_sibling_are_wagtails_own(home_page):
    from wagtail.models import Page

    from courses.progress.links import page_url, site_paths

    paths = [f"{home_page.url_path}courses/{slug}/" for slug in ("budgeting", "研修-入門", "a+b", "governance")]
    shared = site_paths()
    assert [page_url(path, shared) for path in paths] == [Page(url_path=path).get_url(request=None) for path in paths]
    assert page_url(None, shared) is None
