"""Publishing a page the site generated (a study group's report, a researcher's final report), one way.

The schemes build the page's content; this decides whether it goes live, and the rule is the same for
every scheme: someone who may publish pages there publishes it at once; anyone else sends it through
the page's moderation workflow, so a moderator sees exactly what will appear. With no workflow at all,
only content already reviewed by programme staff in the app goes live; the rest waits as a draft for
editors. Every revision is logged in the page's Wagtail history.
"""

from typing import Literal

from wagtail.models import Page

Outcome = Literal["published", "submitted", "draft"]


def page_publish_or_submit(*, page: Page, by, reviewed: bool = False, publish_now: bool | None = None) -> Outcome:
    """Save a new revision of ``page`` (already in the tree) and publish it or submit it for moderation.

    ``reviewed``: programme staff approved the content in the app, which counts as the review when no
    workflow applies. ``publish_now`` overrides the rule (demo data, editors' own tools).
    """
    revision = page.save_revision(user=by, log_action=True)
    workflow = page.get_workflow()
    if publish_now is None:
        publish_now = page.permissions_for_user(by).can_publish() or (workflow is None and reviewed)
    if publish_now:
        revision.publish(user=by, skip_permission_checks=True)
        page.refresh_from_db()
        return "published"
    if workflow is None:
        return "draft"
    # A workflow already under way reviews an older revision: start again so reviewers see this one.
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=by)
    workflow.start(page, by)
    return "submitted"
