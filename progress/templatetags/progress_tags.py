"""``{% load progress_tags %}{% learner_progress request.user %}``: a learner's own progress, for /learning/."""

from django import template

from organizations.models import CapacityArea
from organizations.vocabulary import localize_name

from .. import selectors

register = template.Library()


@register.inclusion_tag("progress/tags/learner_progress.html")
def learner_progress(user):
    summary = selectors.learner_summary(user)
    # Topics are counted by their default-language name; shown in the reader's.
    for row in summary.get("consultations_by_topic", []):
        row["topic__name"] = localize_name(CapacityArea, row["topic__name"])
    return {"summary": summary, "viewer": user}
