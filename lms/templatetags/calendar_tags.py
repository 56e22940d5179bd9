"""``{% add_to_calendar event kind pk %}``: the one "Add to calendar" box on event pages."""

from django import template

from lms.calendar import calendar_links

register = template.Library()


@register.inclusion_tag("includes/add_to_calendar.html")
def add_to_calendar(event, kind: str, pk: int, label: str = ""):
    return {"links": calendar_links(event, kind=kind, pk=pk), "event": event, "label": label}
