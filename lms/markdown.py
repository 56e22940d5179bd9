"""What people write in longer text is Markdown: one renderer for pages, emails and previews.

``render_markdown`` renders with markdown-it-py (raw HTML off, so typed tags show as text) and then passes
the result through the one sanitizer, ``lms.sanitizer.sanitize_html``. ``markdown_text`` gives the same
text readable as plain text, for the plain part of emails. Headings move one level down (``#`` is an
``<h2>``) because every page already has its ``<h1>``; images are not rendered (a link is).
"""

import html
import re
import unicodedata

from django.utils.safestring import SafeString
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdownify import MarkdownConverter

from lms.sanitizer import _INVISIBLE, sanitize_html

_md = (
    MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False, "typographer": False})
    .enable(["table", "strikethrough"])
    .disable("image")
)

_BLANK_RUNS = re.compile(r"\n{3,}")


def _parse(text: str) -> list[Token]:
    tokens = _md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 4)}"
    return tokens


def render_markdown(text: str | None) -> SafeString:
    """Markdown to safe HTML: rendered, then sanitized (the only path user text takes to a page)."""
    if not text or not str(text).strip():
        return sanitize_html("")
    source = str(text).replace("\r\n", "\n")
    html = _md.renderer.render(_parse(source), _md.options, {})
    return sanitize_html(html)


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    href_stack: list[tuple[str, int]] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link_open":
            href_stack.append((str(child.attrs.get("href", "")), len(parts)))
        elif child.type == "link_close" and href_stack:
            href, start = href_stack.pop()
            label = "".join(parts[start:])
            if href and href != label and href != f"mailto:{label}":
                parts.append(f" ({href})")
    return "".join(parts)


def markdown_text(text: str | None) -> str:
    """The same text readable as plain text: paragraphs, ``-`` and ``1.`` lists, quotes, links with their address."""
    if not text or not str(text).strip():
        return ""
    lines: list[str] = []
    lists: list[list] = []  # ["-", 0] or ["1.", counter]
    quote = 0
    marker = ""
    row: list[str] | None = None

    def blank():
        if lines and lines[-1] != "":
            lines.append("")

    def emit(content: str):
        nonlocal marker
        indent = "   " * max(len(lists) - 1, 0)
        prefix = "> " * quote
        for i, line in enumerate(content.split("\n")):
            if i == 0 and marker:
                lines.append(f"{prefix}{indent}{marker} {line}".rstrip())
            else:
                pad = " " * (len(marker) + 1) if marker else ""
                lines.append(f"{prefix}{indent}{pad}{line}".rstrip())
        marker = ""

    for token in _parse(str(text).replace("\r\n", "\n")):
        kind = token.type
        if kind == "bullet_list_open":
            lists.append(["-", 0])
        elif kind == "ordered_list_open":
            lists.append(["1.", int(token.attrs.get("start", 1) or 1) - 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                blank()
        elif kind == "list_item_open" and lists:
            if lists[-1][0] == "-":
                marker = "-"
            else:
                lists[-1][1] += 1
                marker = f"{lists[-1][1]}."
        elif kind == "blockquote_open":
            blank()
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
            blank()
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            emit(" | ".join(row))
            row = None
        elif kind == "table_close":
            blank()
        elif kind == "inline":
            content = _inline_text(token)
            if row is not None:
                row.append(content.replace("\n", " "))
            else:
                emit(content)
        elif kind in ("paragraph_close", "heading_close"):
            if not token.hidden:
                blank()
        elif kind in ("fence", "code_block"):
            emit(token.content.rstrip("\n"))
            blank()
        elif kind == "hr":
            emit("----")
            blank()
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def clean_markdown(text: str | None) -> str:
    """What is stored: the Markdown as typed, normalized (NFC, Unix line ends, no invisible controls)."""
    if not text:
        return ""
    value = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", value).strip()


def has_text(text: str | None) -> bool:
    """Whether the Markdown says anything once rendered (``**`` or a blank list is nothing)."""
    return bool(markdown_text(text).strip(" -*>|\n"))


class _Converter(MarkdownConverter):
    def convert_hN(self, n, el, text, parent_tags):  # noqa: N802 - markdownify's hook name
        # Stored HTML used <h2> for a top heading; Markdown's "#" now renders as <h2>.
        return super().convert_hN(max(n - 1, 1), el, text, parent_tags)


_converter = _Converter(heading_style="ATX", bullets="-", escape_misc=False, newline_style="BACKSLASH")


def html_to_markdown(html: str | None) -> str:
    """Sanitized HTML stored before Markdown (typed into textareas) as Markdown that renders the same."""
    if not html or not str(html).strip():
        return ""
    markdown = _converter.convert(str(sanitize_html(html)))
    return _BLANK_RUNS.sub("\n\n", markdown).strip()


_plain_converter = MarkdownConverter(escape_misc=True, escape_asterisks=True, escape_underscores=True)


def plain_to_markdown(text: str | None) -> str:
    """Plain text stored before Markdown (shown with ``linebreaks``) as Markdown that renders the same.

    Each line is escaped on its own, so ``*``, ``_``, ``1.``, ``#`` or ``[x](y)`` show as typed; the line breaks
    and blank lines stay, and render as the line breaks and paragraphs they were.
    """
    if not text or not str(text).strip():
        return ""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [_plain_converter.convert(html.escape(line)).strip() if line.strip() else "" for line in lines]
    return _BLANK_RUNS.sub("\n\n", "\n".join(escaped)).strip()
