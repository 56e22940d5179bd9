"""When a moderator publishes a report page, the group's status follows."""


def report_published(sender, instance, **kwargs):
    from .models import StudyGroup

    group_id = getattr(instance, "group_id", None)
    if group_id:
        StudyGroup.objects.filter(pk=group_id).exclude(status=StudyGroup.Status.CLOSED).update(
            status=StudyGroup.Status.PUBLISHED
        )
