"""The site search index: documents from every scheme, analysed by ``lms.search_analysis``.

A small table of documents (kind, title, body, language, url, date, capacity areas) and their
weighted terms, kept up to date after each commit. It gives the same results on SQLite and
PostgreSQL because the analysis happens here, in Python, not in the database's full-text engine.

Pages are indexed here from their ``search_fields``; each scheme names its page types' kind, date
and capacity areas with :func:`register_page_kind`. Things that are not pages (advisor profiles,
organizations) come from providers the apps register with :func:`register_provider` when they
load, so this module imports no scheme. Only live pages without view restrictions are indexed,
and providers yield only what a visitor may see: members-only content never reaches the table.
"""

import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, QuerySet, Sum, Value
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.fields import StreamField

from lms.search_analysis import ParsedQuery, normalize, tokens

logger = logging.getLogger(__name__)

TITLE_WEIGHT = 10
KEYWORD_WEIGHT = 3
MAX_BODY_CHARS = 20_000


@dataclass
class SearchEntry:
    """What a provider tells the index about one thing, in the active language."""

    key: str
    title: str
    url: str
    body: str = ""
    keywords: str = ""  # indexed but not shown: e.g. the other language's names of its expertise
    date: datetime | None = None
    areas: tuple[int, ...] = field(default_factory=tuple)


# A provider yields entries in the active language for the given primary keys (all when None);
# a key it does not yield for is removed from the index.
Provider = Callable[[list | None], Iterable[SearchEntry]]


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    provider: Provider | None = None  # None for page kinds


@dataclass(frozen=True)
class PageKind:
    kind: str
    date: Callable | None = None
    areas: Callable | None = None
    keywords: Callable | None = None


_kinds: dict[str, Kind] = {}
_page_kinds: dict[type, PageKind] = {}


def register_kind(name: str, label) -> None:
    _kinds.setdefault(name, Kind(name, label))


def register_provider(name: str, label, provider: Provider) -> None:
    _kinds[name] = Kind(name, label, provider)


def register_page_kind(model: type, name: str, label, *, date=None, areas=None, keywords=None) -> None:
    """Pages of ``model`` are shown as ``name``; ``date(page)``, ``areas(page)`` and ``keywords(page)`` are optional."""
    register_kind(name, label)
    _page_kinds[model] = PageKind(name, date, areas, keywords)


def kinds() -> list[Kind]:
    return list(_kinds.values())


def kind_label(name: str):
    return _kinds[name].label if name in _kinds else name


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# -- writing the index ------------------------------------------------------------------------------


def _build(kind: str, language: str, entry: SearchEntry):
    from lms.models import SearchDocument

    body = entry.body[:MAX_BODY_CHARS]
    weights: Counter = Counter()
    for term in tokens(entry.title):
        weights[term] += TITLE_WEIGHT
    for term in tokens(entry.keywords):
        weights[term] += KEYWORD_WEIGHT
    for term in tokens(body):
        weights[term] += 1
    document = SearchDocument(
        kind=kind,
        key=entry.key,
        language=language,
        title=Truncator(entry.title).chars(255),
        body=body,
        text=normalize(" ".join((entry.title, entry.keywords, body))),
        url=entry.url[:500],
        date=entry.date,
        areas="".join(f",{pk}" for pk in sorted(set(entry.areas))) + ("," if entry.areas else ""),
    )
    return document, weights


def _store(built: list) -> None:
    from lms.models import SearchDocument, SearchTerm

    documents = SearchDocument.objects.bulk_create([document for document, _weights in built], batch_size=500)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(document_id=document.pk, term=term, weight=min(weight, 1000))
            for document, (_built, weights) in zip(documents, built, strict=True)
            for term, weight in weights.items()
        ],
        batch_size=2000,
    )


def _entries(kind: Kind, pks: list | None) -> list[tuple[str, SearchEntry]]:
    built = []
    for language in languages():
        with translation.override(language):
            built.extend((language, entry) for entry in kind.provider(pks))
    return built


@transaction.atomic
def reindex(name: str, pks: Iterable) -> None:
    """Index again the things of kind ``name`` with these primary keys (removing those now hidden)."""
    from lms.models import SearchDocument

    kind = _kinds[name]
    pks = list(pks)
    SearchDocument.objects.filter(kind=name, key__in=[f"{name}:{pk}" for pk in pks]).delete()
    _store([_build(name, language, entry) for language, entry in _entries(kind, pks)])


@transaction.atomic
def reindex_pages(translation_keys: Iterable) -> None:
    """Index again every language's version of the pages with these translation keys."""
    from lms.models import SearchDocument

    keys = [str(key) for key in translation_keys]
    SearchDocument.objects.filter(key__in=[f"page:{key}" for key in keys]).delete()
    _store(list(_page_documents(keys)))


@transaction.atomic
def rebuild() -> int:
    """The whole index from scratch; returns the number of documents."""
    from lms.models import SearchDocument, SearchTerm

    # Plain DELETEs: the ORM would load every term first, as some receivers listen to every model's deletes.
    with connection.cursor() as cursor:
        for model in (SearchTerm, SearchDocument):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 (our table)
    _store(list(_page_documents(None)))
    for kind in _kinds.values():
        if kind.provider is not None:
            _store([_build(kind.name, language, entry) for language, entry in _entries(kind, None)])
    return SearchDocument.objects.count()


# -- pages ------------------------------------------------------------------------------------------


def _page_kind(page) -> PageKind:
    for cls in type(page).__mro__:
        if cls in _page_kinds:
            return _page_kinds[cls]
    return PageKind("page")


def _html_text(value) -> str:
    return unescape(strip_tags(str(value))).strip()


def _block_text(block, value) -> list[str]:
    """A block's searchable text, without the labels of choices (a heading's "Level 2" is not content)."""
    from wagtail import blocks

    if value is None or isinstance(block, blocks.ChoiceBlock):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in _block_text(child.block, child.value)]
    if isinstance(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in _block_text(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_text(block.child_block, item)]
    return [str(text) for text in block.get_searchable_content(value)]


def page_text(page) -> str:
    """The text of a page's search fields other than its title, as plain text."""
    from wagtail.search import index

    parts = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = getattr(page, search_field.field_name, None)
        if value in (None, ""):
            continue
        try:
            model_field = page._meta.get_field(search_field.field_name)
        except Exception:
            model_field = None
        if isinstance(model_field, StreamField):
            parts.extend(_html_text(text) for text in _block_text(model_field.stream_block, value))
        elif model_field is not None and hasattr(model_field, "get_searchable_content"):
            parts.extend(_html_text(text) for text in model_field.get_searchable_content(value))
        else:
            parts.append(_html_text(value))
    return "\n".join(dict.fromkeys(part for part in parts if part))  # a summary repeated in the body counts once


def _page_entry(page, page_kind: PageKind) -> SearchEntry:
    return SearchEntry(
        key=f"page:{page.translation_key}",
        title=page.title,
        url=page.get_url() or page.url_path,
        body=page_text(page),
        keywords=page_kind.keywords(page) if page_kind.keywords else "",
        date=page_kind.date(page) if page_kind.date else None,
        areas=tuple(page_kind.areas(page)) if page_kind.areas else (),
    )


def _page_documents(translation_keys: list | None):
    """One document per language for each translation group: the page in that language when it is
    live and public, else the original (the site shows the original where no translation exists)."""
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
    if translation_keys is not None:
        pages = pages.filter(translation_key__in=translation_keys)
    groups: dict[str, dict[str, Page]] = defaultdict(dict)
    for page in pages.specific().iterator(chunk_size=200):
        groups[str(page.translation_key)][page.locale.language_code] = page
    default = settings.LANGUAGE_CODE
    for versions in groups.values():
        for language in languages():
            page = versions.get(language) or versions.get(default)
            if page is None:
                continue
            page_kind = _page_kind(page)
            with translation.override(language):
                try:
                    entry = _page_entry(page, page_kind)
                except Exception:  # one broken page must not stop the index
                    logger.exception("search: could not index page %s", page.pk)
                    continue
            yield _build(page_kind.kind, language, entry)


# -- keeping it up to date ----------------------------------------------------------------------------

_pending = threading.local()


def _flush() -> None:
    work = getattr(_pending, "work", None)
    _pending.work = None
    if not work:
        return
    try:
        for name, pks in work.items():
            if name == "page":
                reindex_pages(pks)
            else:
                reindex(name, pks)
    except Exception:  # a stale search result is better than a failed save
        logger.exception("search: reindexing failed; run manage.py rebuild_search_index")


def schedule(name: str, pks: Iterable) -> None:
    """Reindex these things once the current transaction commits (once, however often they changed).

    A rolled-back transaction drops its callback with its work, so the work starts afresh whenever no
    callback of ours is waiting on this connection.
    """
    pks = set(pks)
    if not pks:
        return
    waiting = any(func is _flush for _sids, func, *_rest in transaction.get_connection().run_on_commit)
    if not waiting or getattr(_pending, "work", None) is None:
        _pending.work = defaultdict(set)
        waiting = False
    _pending.work[name].update(pks)
    if not waiting:
        transaction.on_commit(_flush)


def schedule_pages(pages: Iterable) -> None:
    schedule("page", (page.translation_key for page in pages))


def _page_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        schedule_pages([instance])


def _subtree_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    page = instance if isinstance(instance, Page) else getattr(instance, "page", None)
    if page is not None:
        schedule_pages(Page.objects.descendant_of(page, inclusive=True).only("translation_key"))


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished):
        signal.connect(_page_changed, dispatch_uid=f"search-page-{id(signal)}")
    post_delete.connect(_page_changed, dispatch_uid="search-page-delete")
    post_page_move.connect(_subtree_changed, dispatch_uid="search-page-move")
    for signal in (post_save, post_delete):
        signal.connect(_subtree_changed, sender=PageViewRestriction, dispatch_uid=f"search-restriction-{id(signal)}")


def text_of(*parts) -> str:
    """Join the non-empty parts of a provider's body."""
    return "\n".join(str(part).strip() for part in parts if part and str(part).strip())


# -- reading it -------------------------------------------------------------------------------------


def search_documents(query: ParsedQuery, *, language: str, kind: str = "", area: int | None = None) -> QuerySet:
    """Documents in ``language`` holding every term of ``query``, best first: titles rank above body.

    A lazy queryset: counting and slicing it are one query each, however large the index.
    """
    from lms.models import SearchDocument

    if not query:
        return SearchDocument.objects.none()
    documents = SearchDocument.objects.filter(language=language)
    if kind:
        documents = documents.filter(kind=kind)
    if area:
        documents = documents.filter(areas__contains=f",{int(area)},")
    for phrase in query.phrases:
        documents = documents.filter(text__contains=phrase)
    if query.terms:
        documents = (
            documents.filter(terms__term__in=query.terms)
            .annotate(score=Sum("terms__weight"), matched=Count("terms"))
            .filter(matched=len(query.terms))
        )
    else:
        documents = documents.annotate(score=Value(0))
    return documents.defer("text").order_by("-score", F("date").desc(nulls_last=True), "title", "pk")
