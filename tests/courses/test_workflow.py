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
