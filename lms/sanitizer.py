"""The one place user-written HTML is made safe.

Everything a user writes as rich text passes through :func:`sanitize_html` before
it is stored and again (cheaply) before it is shown; nothing else in the project
may call ``mark_safe`` on user text. Built on bleach 6.4.0 with an allowlist.
"""

import re
import unicodedata

import bleach
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})

# Invisible and bidi-control characters are used to hide "javascript:" from filters.
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def _add_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key in attrs:
        attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


_linker = bleach.linkifier.Linker(callbacks=[_add_rel], skip_tags={"pre", "code"})


def sanitize_html(value: str | None) -> SafeString:
    """Return allowlisted HTML, safe to render; idempotent."""
    if not value:
        return mark_safe("")
    text = unicodedata.normalize("NFC", str(value))
    text = _INVISIBLE.sub("", text)
    cleaned = _cleaner.clean(text)
    cleaned = _linker.linkify(cleaned)
    return mark_safe(cleaned)  # noqa: S308 - this module is the sanitizer


def plain_text(value: str | None) -> str:
    """Text with every tag removed, for emails, titles and CSV cells."""
    if not value:
        return ""
    return strip_tags(_cleaner.clean(str(value))).strip()
