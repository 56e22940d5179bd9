"""Pages that hold people's records can't be deleted while they hold them.

Each scheme registers a counter when its app loads (``register``): given the ids of the pages
about to go (a page and everything below it), it returns what people's records those pages
hold, as short phrases ("3 seminar registrations"). The Wagtail admin's delete and bulk delete
ask ``records_held`` first and refuse with the reasons (``lms/wagtail_hooks.py``), offering to
unpublish instead. Moving a page keeps its records and is always allowed.
"""

from collections.abc import Callable, Iterable

Counter = Callable[[list[int]], list[str]]
_counters: list[Counter] = []


def register(counter: Counter) -> Counter:
    if counter not in _counters:
        _counters.append(counter)
    return counter


def page_ids_with_descendants(pages: Iterable) -> list[int]:
    from wagtail.models import Page

    ids: set[int] = set()
    for page in pages:
        ids.update(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    return sorted(ids)


def records_held(pages: Iterable) -> list[str]:
    """What people's records the pages (and the pages below them) hold; empty when none."""
    ids = page_ids_with_descendants(pages)
    if not ids:
        return []
    return [phrase for counter in _counters for phrase in counter(ids)]


def keep_in_admin(*models) -> None:
    """People's records (enrollments, registrations, memberships...) can be edited in the admin, never deleted."""
    from wagtail.permission_policies import ModelPermissionPolicy
    from wagtail.permissions import register_permission_policy

    class KeepRecordsPolicy(ModelPermissionPolicy):
        def user_has_permission(self, user, action):
            if action == "delete":
                return False
            return super().user_has_permission(user, action)

    for model in models:
        register_permission_policy(model, KeepRecordsPolicy(model))
