"""What site search indexes about NGO Advisors: the directory's profiles (name, expertise, region,
languages, headline, biography), never their consultations or consultation records."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lms.search_index import SearchEntry, register_provider, schedule, text_of
from organizations.search import names_in_every_language


def advisor_entries(pks: list | None):
    from .models import AdvisorProfile

    advisors = AdvisorProfile.objects.listed().select_related("user", "region").prefetch_related("expertise")
    if pks is not None:
        advisors = advisors.filter(pk__in=pks)
    for advisor in advisors:
        expertise = list(advisor.expertise.all())
        regions = [advisor.region] if advisor.region else []
        yield SearchEntry(
            key=f"advisor:{advisor.pk}",
            title=str(advisor),
            url=advisor.get_absolute_url(),
            body=text_of(
                advisor.headline,
                ", ".join(str(area) for area in expertise),
                ", ".join([advisor.office, *(str(region) for region in regions)]).strip(", "),
                ", ".join(advisor.languages_shown),
                advisor.bio,
            ),
            keywords=" ".join([names_in_every_language([*expertise, *regions]), advisor.languages]),
            areas=tuple(area.pk for area in expertise),
        )


def advisor_changed(sender, instance, **kwargs):
    schedule("advisor", [instance.pk])


def user_changed(sender, instance, **kwargs):
    from .models import AdvisorProfile

    update_fields = kwargs.get("update_fields")
    if kwargs.get("created") or (update_fields is not None and not {"first_name", "last_name"} & set(update_fields)):
        return  # a new user has no profile yet; a sign-in only touches last_login
    user_id = instance.pk
    transaction.on_commit(
        lambda: schedule("advisor", AdvisorProfile.objects.filter(user_id=user_id).values_list("pk", flat=True))
    )


def expertise_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    from .models import AdvisorProfile

    if not action.startswith("post_"):
        return
    if reverse:
        schedule("advisor", pk_set or [])
    elif isinstance(instance, AdvisorProfile):
        schedule("advisor", [instance.pk])


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import AdvisorProfile

    register_provider("advisor", _("NGO Advisor"), advisor_entries)
    for signal in (post_save, post_delete):
        signal.connect(advisor_changed, sender=AdvisorProfile, dispatch_uid=f"search-advisor-{id(signal)}")
    post_save.connect(user_changed, sender=get_user_model(), dispatch_uid="search-advisor-user")
    m2m_changed.connect(
        expertise_changed, sender=AdvisorProfile.expertise.through, dispatch_uid="search-advisor-expertise"
    )
