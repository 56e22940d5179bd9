"""Calendar boxes: ``{% add_to_calendar event kind pk %}`` on event pages and
``{% calendar_subscription %}`` (the private feed as a subscription) on the profile and the home."""

from django import template
from django.urls import reverse

from lms.calendar import calendar_links

register = template.Library()


@register.inclusion_tag("includes/add_to_calendar.html")
def add_to_calendar(event, kind: str, pk: int, label: str = ""):
    return {"links": calendar_links(event, kind=kind, pk=pk), "event": event, "label": label}


@register.inclusion_tag("includes/calendar_subscription.html", takes_context=True)
def calendar_subscription(context):
    request = context["request"]
    https_url = request.build_absolute_uri(reverse("calendar_feed", kwargs={"token": request.user.calendar_token}))
    return {
        "https_url": https_url,
        "webcal_url": "webcal://" + https_url.split("://", 1)[1],
        "next_url": request.get_full_path(),
        "request": request,
    }
