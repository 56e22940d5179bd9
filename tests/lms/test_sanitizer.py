import pytest

from lms.sanitizer import plain_text, sanitize_html

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="java\u200bscript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<a href="  JaVaScRiPt:alert(1)">x</a>',
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_are_inert(attack):
    cleaned = str(sanitize_html(attack)).lower()
    assert "<script" not in cleaned
    assert "javascript:" not in cleaned
    assert "onerror" not in cleaned.replace("&lt;", "<") or "<img" not in cleaned
    assert "onload=" not in cleaned
    assert "formaction" not in cleaned
    assert "<iframe" not in cleaned
    assert "data:text" not in cleaned
    assert "style=" not in cleaned


@pytest.mark.parametrize("attack", ATTACKS + ["<p>Hello <b>world</b> https://example.org</p>"])
def test_sanitizing_is_idempotent(attack):
    once = str(sanitize_html(attack))
    assert str(sanitize_html(once)) == once


def test_allowed_markup_survives():
    html = '<p>Read <a href="https://example.org" title="t">this</a> and <strong>that</strong>.</p><ul><li>x</li></ul>'
    cleaned = str(sanitize_html(html))
    assert '<a href="https://example.org" title="t" rel="nofollow noopener noreferrer">this</a>' in cleaned
    assert "<strong>that</strong>" in cleaned and "<ul><li>x</li></ul>" in cleaned


def test_mailto_allowed():
    assert 'href="mailto:a@example.org"' in str(sanitize_html('<a href="mailto:a@example.org">mail</a>'))


def test_plain_text_strips_everything():
    assert plain_text("<p>Hi <script>x</script><b>there</b></p>") == "Hi xthere"
    assert plain_text(None) == ""
