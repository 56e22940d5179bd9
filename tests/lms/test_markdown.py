"""Markdown writing: rendered by markdown-it-py, then through the one sanitizer; readable as plain text."""

import re

import pytest

from lms.markdown import clean_markdown, has_text, html_to_markdown, markdown_text, plain_to_markdown, render_markdown
from lms.sanitizer import sanitize_html

POST = "Dear members,\nthank you.\n\nWe agreed:\n\n- **30 donors** to survey\n- reports by *May*\n\nSee [the plan](https://example.org/plan)."


def test_paragraphs_line_breaks_lists_and_bold():
    html = str(render_markdown(POST))
    assert html.startswith("<p>Dear members,<br>\nthank you.</p>")
    assert "<ul>\n<li><strong>30 donors</strong> to survey</li>\n<li>reports by <em>May</em></li>\n</ul>" in html
    assert '<a href="https://example.org/plan" rel="nofollow noopener noreferrer">the plan</a>' in html


def test_headings_quotes_tables_and_numbered_lists():
    html = str(render_markdown("# Top\n\n### Small\n\n> said\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |"))
    assert "<h2>Top</h2>" in html and "<h4>Small</h4>" in html  # the page keeps its own <h1>
    assert "<blockquote>\n<p>said</p>\n</blockquote>" in html
    assert "<ol>\n<li>one</li>" in html
    assert "<th>a</th>" in html and "<td>2</td>" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "<javascript:alert(1)>",
        "![x](https://evil.example/pixel.png)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_raw_html_and_dangerous_links_are_text(attack):
    html = str(render_markdown(attack))
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html.lower() and 'href="data' not in html


def test_output_is_what_the_sanitizer_returns():
    html = render_markdown(POST)
    assert sanitize_html(html) == html


def test_empty_text():
    assert render_markdown("") == "" and render_markdown(None) == "" and markdown_text("  ") == ""
    assert not has_text("**  **") and not has_text("- ") and has_text("ok")


def test_plain_text_is_readable():
    text = markdown_text(POST)
    assert text == (
        "Dear members,\nthank you.\n\nWe agreed:\n\n- 30 donors to survey\n- reports by May\n\n"
        "See the plan (https://example.org/plan)."
    )
    assert markdown_text("1. a\n2. b\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |") == (
        "1. a\n2. b\n\n> quoted\n\na | b\n1 | 2"
    )


def test_stored_text_is_normalized_not_rendered():
    assert clean_markdown("  **a**\r\nb\u200b  ") == "**a**\nb"


def _shape(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*(<[^>]+>)\s*", r"\1", str(html))).strip()


@pytest.mark.parametrize(
    "stored",
    [
        "<p>Hello <strong>world</strong> &amp; 5*3 snake_case</p><ul><li>one</li><li>two</li></ul>",
        "<ol><li>Introductions</li><li>Survey plan</li></ol>",
        "<p>a<br>b</p><blockquote><p>quoted</p></blockquote>",
        '<p>See <a href="https://example.org/x">this</a> and <em>that</em>.</p>',
        "<h2>Section</h2><p>text</p><h3>Sub</h3>",
        "<table><thead><tr><th>x</th><th>y</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
    ],
)
def test_html_stored_before_markdown_renders_as_it_did(stored):
    assert _shape(render_markdown(html_to_markdown(stored))) == _shape(sanitize_html(stored))


@pytest.mark.parametrize(
    "stored",
    [
        "1. Send *docs* by Friday\n- ask [the auditor](https://example.org)\n\n# not a heading",
        "snake_case and 5*3 & <b>not bold</b>\n> not a quote\n---",
        "First paragraph.\n\n\nSecond, `not code`, 2) not a list\r\nline two",
    ],
)
def test_plain_text_stored_before_markdown_renders_as_it_did(stored):
    from django.template.defaultfilters import linebreaks
    from django.utils.html import escape

    assert _shape(render_markdown(plain_to_markdown(stored))) == _shape(sanitize_html(linebreaks(escape(stored))))
