"""Vocabulary names in the reader's language.

Capacity areas, regions and fields of activity are translatable snippets: the Japanese row shares
the English row's ``translation_key``. Records point at the English row, so displaying one means
looking its name up in the active language. The whole (small) table is cached per model and
dropped whenever a row changes, so a page costs no extra query for it; each process also keeps
it for a few seconds, so a list of a hundred courses does not ask the cache a hundred times.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

CACHE_SECONDS = 60 * 60
LOCAL_SECONDS = 10
_local: dict[str, tuple[float, dict]] = {}


def _key(model) -> str:
    return f"vocabulary:names:{model._meta.label_lower}"


def _table(model) -> dict:
    """{language: {"keys": {translation_key: name}, "names": {default-language name: name}}}."""
    key = _key(model)
    held = _local.get(key)
    if held and held[0] > time.monotonic():
        return held[1]
    table = cache.get(key)
    if table is None:
        rows = list(model.objects.values_list("translation_key", "locale__language_code", "name"))
        by_key = {}
        for translation_key, language, name in rows:
            by_key.setdefault(language, {})[str(translation_key)] = name
        source = by_key.get(settings.LANGUAGE_CODE, {})
        table = {
            language: {
                "keys": names,
                "names": {source[key]: name for key, name in names.items() if key in source},
            }
            for language, names in by_key.items()
        }
        cache.set(key, table, CACHE_SECONDS)
    _local[key] = (time.monotonic() + LOCAL_SECONDS, table)
    return table


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def localized_name(obj) -> str:
    """The row's name in the active language, or its own name when there is no translation."""
    language = _language()
    if language == settings.LANGUAGE_CODE or obj.translation_key is None:
        return obj.name  # records point at default-language rows: no lookup needed
    names = _table(type(obj)).get(language)
    if names is None:
        return obj.name
    return names["keys"].get(str(obj.translation_key), obj.name)


def localize_name(model, name: str | None) -> str | None:
    """For aggregate rows that carry the default-language name (``values("area__name")``)."""
    if not name:
        return name
    language = _language()
    if language == settings.LANGUAGE_CODE:
        return name
    return _table(model).get(language, {}).get("names", {}).get(name, name)


def _forget(sender, **kwargs) -> None:
    _local.pop(_key(sender), None)
    cache.delete(_key(sender))


def connect(models) -> None:
    for model in models:
        post_save.connect(_forget, sender=model, dispatch_uid=f"vocabulary-save-{model._meta.label_lower}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"vocabulary-delete-{model._meta.label_lower}")
