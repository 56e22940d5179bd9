"""The personal home gathers what joining and scheduling added: join requests, NGO applications, the calendar."""

import pytest

from organizations import joining
from organizations.factories import MembershipFactory, OrganizationFactory, UserFactory
from organizations.models import Membership, OrganizationApplication, ProgrammeRole

pytestmark = pytest.mark.django_db


def _html(client) -> str:
    client.cookies["lms_language"] = "en"
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_manager_sees_requests_to_join_with_their_count(client_for):
    org = OrganizationFactory(name="Minato Water Partners")
    manager = UserFactory(preferred_language="en")
    MembershipFactory(user=manager, organization=org, role=Membership.Role.MANAGER)
    for _ in range(2):
        joining.join_request_create(organization=org, user=UserFactory(), message="Hello")
    html = _html(client_for(manager))
    assert "Requests to join Minato Water Partners" in html
    assert f"/organizations/{org.slug}/members/" in html


def test_someone_in_no_organization_is_shown_the_way_in(client_for):
    html = _html(client_for(UserFactory(preferred_language="en")))
    assert "Find your organization and ask to join it" in html
    assert "/organizations/" in html


def test_programme_staff_see_ngo_applications_waiting(client_for):
    staff = UserFactory(preferred_language="en", groups=[ProgrammeRole.PROGRAMME_STAFF])
    assert "NGO applications to review" not in _html(client_for(staff))
    OrganizationApplication.objects.create(
        applicant=UserFactory(), name_en="A", name_ja="あ", legal_form="npo", head_office="13", applicant_role="x"
    )
    html = _html(client_for(staff))
    assert "NGO applications to review" in html
    assert "/organizations/applications/" in html


def test_everyone_signed_in_finds_their_calendar_and_the_feed_on_their_home(client_for):
    user = UserFactory(preferred_language="en")
    html = _html(client_for(user))
    assert 'href="/calendar/"' in html
    assert "webcal://" in html and user.calendar_token in html
