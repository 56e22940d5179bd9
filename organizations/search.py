"""What site search indexes about organizations: the public directory's profiles, nothing for members only."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.search_index import SearchEntry, register_provider, schedule, text_of


def names_in_every_language(terms) -> str:
    """Vocabulary terms in every site language, so a reader finds them in either."""
    names = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.extend(str(term) for term in terms)
    return " ".join(dict.fromkeys(names))


def organization_entries(pks: list | None):
    from .selectors import organization_list

    organizations = organization_list()
    if pks is not None:
        organizations = organizations.filter(pk__in=pks)
    for organization in organizations:
        fields = list(organization.fields_of_activity.all())
        yield SearchEntry(
            key=f"organization:{organization.pk}",
            title=organization.name,
            url=organization.get_absolute_url(),
            body=text_of(
                organization.description,
                str(organization.region or ""),
                ", ".join(str(field) for field in fields),
                organization.countries_of_operation,
            ),
            keywords=names_in_every_language([*fields, *([organization.region] if organization.region else [])]),
        )


def organization_changed(sender, instance, **kwargs):
    schedule("organization", [instance.pk])


def fields_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if action.startswith("post_"):
        schedule("organization", (pk_set or []) if reverse else [instance.pk])


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import Organization

    register_provider("organization", _("Organization"), organization_entries)
    for signal in (post_save, post_delete):
        signal.connect(organization_changed, sender=Organization, dispatch_uid=f"search-organization-{id(signal)}")
    m2m_changed.connect(
        fields_changed, sender=Organization.fields_of_activity.through, dispatch_uid="search-organization-fields"
    )
