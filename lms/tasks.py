"""Background tasks shared by every app (django-tasks).

With the immediate backend (the default) a task runs in the request; with
``TASKS_BACKEND=database`` it is stored and run by ``manage.py db_worker``.
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task(queue_name="default")
def deliver_email_task(*, email_id: int) -> bool:
    """Send one message from the outbox (``lms.outbox``); a failure is kept there for a later try.

    In the embedded setup nothing else comes back later, so a successful send also sends what
    earlier failures left waiting and is now due: the mail server is evidently back.
    """
    from lms import outbox

    delivered = outbox.outbox_deliver(email_id=email_id)
    if delivered and not deliver_email_task.get_backend().supports_defer:
        try:
            outbox.outbox_send_due(retries_only=True)
        except Exception:
            logger.exception("waiting emails could not be sent")
    return delivered
