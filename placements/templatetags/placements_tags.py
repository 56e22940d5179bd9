from django import template

from lms.sanitizer import sanitize_html

register = template.Library()


@register.filter
def sanitized(value):
    """Render stored report HTML; it was sanitized on save and is sanitized again here, cheaply."""
    return sanitize_html(value)
