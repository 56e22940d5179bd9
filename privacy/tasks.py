"""Background work of the privacy features (django-tasks, like ``lms.tasks``)."""

from django_tasks import task


@task(queue_name="default")
def build_data_export(*, request_id: int) -> None:
    from .services import export_build

    export_build(request_id=request_id)
