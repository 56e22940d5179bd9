"""A page that holds people's records can't be deleted in the admin (one by one or in bulk); it can be
unpublished or moved."""

import pytest
from wagtail.models import Page

from courses import services
from courses.models import SeminarPage, SeminarRegistration
from lms.models import AuditEvent
from organizations.factories import UserFactory


@pytest.fixture
def admin_client(client_for, db):
    return client_for(UserFactory(is_superuser=True, is_staff=True))


@pytest.fixture
def seminar_with_registration(session):
    registration = services.registration_create(session=session, user=UserFactory())
    return session.seminar, registration


def test_a_seminar_with_registrations_cannot_be_deleted(admin_client, seminar_with_registration):
    seminar, registration = seminar_with_registration
    page = admin_client.get(f"/admin/pages/{seminar.pk}/delete/")
    assert page.status_code == 409
    body = page.content.decode()
    assert "1 seminar registration" in body
    assert f"/admin/pages/{seminar.pk}/unpublish/" in body and f"/admin/pages/{seminar.pk}/move/" in body
    response = admin_client.post(f"/admin/pages/{seminar.pk}/delete/")
    assert response.status_code == 409
    assert SeminarPage.objects.filter(pk=seminar.pk).exists()
    assert SeminarRegistration.objects.filter(pk=registration.pk).exists()
    assert AuditEvent.objects.filter(action="page.delete_refused", target_id=str(seminar.pk)).exists()


def test_the_page_above_it_cannot_be_deleted_either(admin_client, seminar_with_registration, seminar_index):
    assert admin_client.post(f"/admin/pages/{seminar_index.pk}/delete/").status_code == 409
    assert Page.objects.filter(pk=seminar_index.pk).exists()


def test_bulk_delete_is_refused_too(admin_client, seminar_with_registration, seminar_index):
    seminar, _registration = seminar_with_registration
    url = f"/admin/bulk/wagtailcore/page/delete/?id={seminar.pk}&childOf={seminar_index.pk}"
    response = admin_client.post(url)  # the confirmation step: Wagtail asks its hooks before deleting
    assert response.status_code == 409 and "1 seminar registration" in response.content.decode()
    assert SeminarPage.objects.filter(pk=seminar.pk).exists()


def test_it_can_be_unpublished_and_moved(admin_client, seminar_with_registration):
    seminar, _registration = seminar_with_registration
    assert admin_client.get(f"/admin/pages/{seminar.pk}/move/").status_code == 200
    response = admin_client.post(f"/admin/pages/{seminar.pk}/unpublish/")
    assert response.status_code == 302
    seminar.refresh_from_db()
    assert not seminar.live


def test_a_page_without_records_can_be_deleted(admin_client, make_session):
    empty = make_session().seminar
    assert admin_client.get(f"/admin/pages/{empty.pk}/delete/").status_code == 200
    admin_client.post(f"/admin/pages/{empty.pk}/delete/")
    assert not SeminarPage.objects.filter(pk=empty.pk).exists()


def test_a_course_with_enrollments_cannot_be_deleted(admin_client, course):
    services.enrollment_create(user=UserFactory(), course=course)
    response = admin_client.post(f"/admin/pages/{course.pk}/delete/")
    assert response.status_code == 409 and "1 course enrollment" in response.content.decode()
    assert Page.objects.filter(pk=course.pk).exists()


def test_records_can_be_edited_but_not_deleted_in_the_admin(db):
    from wagtail.permissions import policy_registry

    from courses.models import Certificate, Enrollment
    from studygroups.models import GroupMembership, StudyGroup

    superuser = UserFactory(is_superuser=True, is_staff=True)
    for model in (Enrollment, Certificate, SeminarRegistration, StudyGroup, GroupMembership):
        policy = policy_registry.get_by_type(model)
        assert policy.user_has_permission(superuser, "change")
        assert not policy.user_has_permission(superuser, "delete"), model


def test_a_study_group_cannot_be_deleted_from_the_admin(admin_client):
    from studygroups.factories import StudyGroupFactory
    from studygroups.models import StudyGroup

    group = StudyGroupFactory()
    response = admin_client.post(f"/admin/snippets/studygroups/studygroup/delete/{group.pk}/")
    assert response.status_code in (302, 403)
    assert StudyGroup.objects.filter(pk=group.pk).exists()
