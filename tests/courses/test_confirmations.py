"""Giving up a seat or leaving a course asks for confirmation on its own page first."""

import pytest
from django.urls import reverse

from courses.factories import EnrollmentFactory, SeminarRegistrationFactory
from courses.models import Enrollment, SeminarRegistration
from organizations.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_cancelling_a_seat_is_confirmed_first(client_for, make_session, member):
    session = make_session()
    registration = SeminarRegistrationFactory(user=member, session=session)
    client = client_for(member)
    url = reverse("courses:registration_cancel", args=[registration.pk])
    page = client.get(url + "?next=/learning/").content.decode()
    assert "Cancel your seat at" in page and session.seminar.title in page
    assert 'name="next" value="/learning/"' in page and 'href="/learning/"' in page
    registration.refresh_from_db()
    assert registration.status == SeminarRegistration.Status.CONFIRMED  # looking asks, never acts
    response = client.post(url, {"next": "/learning/"}, follow=True)
    assert "The registration is cancelled." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == SeminarRegistration.Status.CANCELLED


def test_the_confirmation_refuses_other_people_and_off_site_returns(client_for, make_session, member):
    registration = SeminarRegistrationFactory(user=member, session=make_session())
    url = reverse("courses:registration_cancel", args=[registration.pk])
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    page = client_for(member).get(url + "?next=https://evil.example/").content.decode()
    assert 'href="https://evil.example/"' not in page and 'name="next" value="https://evil.example/"' not in page
    assert f'href="{registration.session.seminar.url}"' in page  # back to the seminar instead


def test_waitlisted_people_are_asked_about_leaving_the_waitlist(client_for, make_session, member):
    registration = SeminarRegistrationFactory(
        user=member, session=make_session(), status=SeminarRegistration.Status.WAITLISTED
    )
    page = client_for(member).get(reverse("courses:registration_cancel", args=[registration.pk])).content.decode()
    assert "Leave the waitlist of" in page and "Yes, leave the waitlist" in page


def test_the_seminar_and_learning_pages_link_to_the_confirmation(client_for, make_session, member):
    session = make_session()
    registration = SeminarRegistrationFactory(user=member, session=session)
    client = client_for(member)
    url = reverse("courses:registration_cancel", args=[registration.pk])
    assert f'href="{url}"' in client.get(session.seminar.url).content.decode()
    assert f'href="{url}?next=/learning/"' in client.get(reverse("courses:learning")).content.decode()


def test_leaving_a_course_is_confirmed_first(client_for, course, member):
    enrollment = EnrollmentFactory(user=member, course=course)
    client = client_for(member)
    url = reverse("courses:withdraw", args=[course.pk])
    assert f'href="{url}"' in client.get(course.url).content.decode()
    page = client.get(url).content.decode()
    assert f"Leave {course.title}?" in page and "Your progress is kept" in page
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    client.post(url)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.WITHDRAWN
    assert client_for(UserFactory()).get(url).status_code == 404
