from django import template

from lms.sanitizer import plain_text

register = template.Library()


@register.filter(name="plain_text")
def plain_text_filter(value) -> str:
    """User HTML as plain text, for emails and summaries."""
    return plain_text(value)
