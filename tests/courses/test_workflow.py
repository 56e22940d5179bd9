"""Editors submit course and seminar pages for moderation; Moderators approve and publish."""

import pytest
from wagtail.models import Page

from courses.factories import CoursePageFactory, SeminarIndexPageFactory
from organizations.factories import UserFactory
from organizations.models import ProgrammeRole

pytestmark = pytest.mark.django_db


def test_a_moderation_workflow_covers_courses_and_seminars(course_index, home_page):
    seminars = SeminarIndexPageFactory(parent=home_page)
    for page in (course_index, seminars):
        workflow = page.get_workflow()
        assert workflow is not None and workflow.active
        task = workflow.tasks.first().specific
        assert ProgrammeRole.MODERATORS in {group.name for group in task.groups.all()}
    assert Page.objects.get(depth=1).get_workflow() is not None


def test_editor_submits_and_moderator_publishes(course_index):
    editor = UserFactory(groups=[ProgrammeRole.EDITORS])
    moderator = UserFactory(groups=[ProgrammeRole.MODERATORS])
    course = CoursePageFactory(parent=course_index, title="Budgeting for small NGOs", live=False)
    course.save_revision(user=editor)

    editor_perms = course.permissions_for_user(editor)
    assert editor_perms.can_edit()
    assert not editor_perms.can_publish()
    assert editor_perms.can_submit_for_moderation()

    workflow = course.get_workflow()
    workflow.start(course, editor)
    course.refresh_from_db()
    assert course.workflow_in_progress
    task_state = course.current_workflow_task_state
    task = task_state.task.specific
    assert "approve" not in [name for name, *_ in task.get_actions(course, editor)]
    assert "approve" in [name for name, *_ in task.get_actions(course, moderator)]

    task.on_action(task_state, moderator, "approve")
    course.refresh_from_db()
    assert course.live
    assert not course.workflow_in_progress
    assert course.live_revision.user == editor


def test_editor_submits_through_the_admin_and_moderator_approves(client_for, course_index):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    from courses.models import CoursePage

    editor = UserFactory(groups=[ProgrammeRole.EDITORS])
    moderator = UserFactory(groups=[ProgrammeRole.MODERATORS])
    data = nested_form_data(
        {
            "title": "Volunteer management",
            "slug": "volunteer-management",
            "summary": "Recruit, train and keep volunteers.",
            "learning_outcomes": rich_text("<p>Plan a volunteer programme.</p>"),
            "description": streamfield([]),
            "level": "introductory",
            "course_format": "self_paced",
            "course_language": "en",
            "estimated_hours": "2",
            "instructors": inline_formset([]),
            "enrollment_mode": "open",
            "issues_certificate": "on",
            "action-submit": "Submit",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", course_index.pk])
    response = client_for(editor).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="volunteer-management", alias_of__isnull=True)
    assert not course.live and course.workflow_in_progress

    task_state = course.current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[course.pk, "approve", task_state.pk])
    assert client_for(editor).post(approve, {"comment": ""}).status_code in (302, 403, 404)
    course.refresh_from_db()
    assert not course.live
    client_for(moderator).post(approve, {"comment": "Looks good"})
    course.refresh_from_db()
    assert course.live
