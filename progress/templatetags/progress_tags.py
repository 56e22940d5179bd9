"""``{% load progress_tags %}{% learner_progress request.user %}``: a learner's own progress, for /learning/."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("progress/tags/learner_progress.html")
def learner_progress(user):
    return {"summary": selectors.learner_summary(user), "viewer": user}
