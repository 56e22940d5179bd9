"""Demo data, last step: the search index over everything the other loaders made."""

from lms.search_index import rebuild


def load(ctx) -> None:
    count = rebuild()
    ctx.say(f"Search index: {count} documents.")
    ctx.created_urls += [("/search/?q=accounting", None), ("/ja/search/?q=研修", None)]
