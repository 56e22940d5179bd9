"""Editors submit course and seminar pages; Moderators approve them before they go live.

Wagtail's own migration may already have made a "Moderators approval" workflow on the
root page; this makes sure one exists and covers the root (and so /courses/ and
/seminars/) whatever state the database was in.
"""

from django.db import migrations

WORKFLOW_NAME = "Moderators approval"


def ensure_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    task = GroupApprovalTask.objects.filter(groups=moderators, active=True).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=content_type, active=True)
        task.groups.add(moderators)
    workflow = Workflow.objects.filter(workflow_tasks__task=task, active=True).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(workflow=workflow, page=root)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("organizations", "0003_programme_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(ensure_workflow, migrations.RunPython.noop)]
