"""Which pages anyone may see, as a condition the database checks."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction


def public_q() -> Q:
    """Pages in no private section: Wagtail's ``public()``, which first reads every restriction (a query each
    time a queryset is built), as a subquery instead, so a queryset can be built and read later with others
    (lms.batch). A restriction covers its page and every page below it (a path that starts with its path)."""
    path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricted = PageViewRestriction.objects.filter(StartsWith(path, F("page__path")))
    return ~Q(Exists(restricted))
