"""Attack strings in posts are inert on the page, in emails and in digests."""

import re
from html.parser import HTMLParser

import pytest

from lms.markdown import clean_markdown
from lms.sanitizer import sanitize_html
from studygroups import services
from studygroups.models import GroupMembership
from studygroups.notifications import send_digests
from tests.oncommit import committed

pytestmark = pytest.mark.django_db

CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)">click</p>',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">js</a>',
    '<a href="JaVaScRiPt:alert(1)">js</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab entity</a>',
    '<a href="jav\tascript:alert(1)">tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">entities</a>',
    '<a href="java\u200bscript:alert(1)">zero width</a>',
    '<a href="\u202ejavascript:alert(1)">bidi</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="&#100;ata:text/html,<script>alert(1)</script>">data entity</a>',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<math href="javascript:alert(1)">m</math>',
    '<form><button formaction="javascript:alert(1)">go</button></form>',
    '<input type="image" formaction="javascript:alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<a href="#" style="background:url(javascript:alert(1))">style</a>',
    '<div style="width: expression(alert(1))">ie</div>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    '<base href="javascript:alert(1)//">',
    '<a href="vbscript:msgbox(1)">vb</a>',
]

# What people write is Markdown now; these are the same attacks in Markdown's own syntax.
MARKDOWN_CORPUS = [
    "[js](javascript:alert(1))",
    "[js](JaVaScRiPt:alert(1))",
    "[js](jav&#x09;ascript:alert(1))",
    "[js](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    '[t](https://ok.example "x\\" onmouseover=\\"alert(1)")',
    "[vb](vbscript:msgbox(1))",
    "`<script>alert(1)</script>`",
    "    <img src=x onerror=alert(1)>",
]

DANGEROUS_TAGS = {
    "script",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "input",
    "style",
    "meta",
    "base",
    "body",
    "img",
    "noscript",
    "animate",
    "link",
}
DANGEROUS_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML (escaped text is only text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_inert(html: str):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.found:
        assert tag not in DANGEROUS_TAGS, (tag, html[:500])
        for name, value in attrs:
            assert not name.startswith("on") and name not in {"style", "formaction", "src"}, (tag, name, html[:500])
            if name in {"href", "action", "xlink:href"}:
                assert not DANGEROUS_URL.match(value or ""), (tag, name, value)


def assert_email_inert(html: str):
    bodies = re.findall(r"<div>(.*?)</div>", html, re.S)
    assert bodies
    for body in bodies:
        assert_inert(body)


@pytest.mark.parametrize("attack", CORPUS)
def test_sanitize_twice_equals_once(attack):
    once = sanitize_html(attack)
    assert sanitize_html(once) == once
    assert_inert(str(once))


def test_corpus_inert_on_page_and_in_emails(client_for, group, facilitator, membership, outbox):
    body = "\n\n".join(CORPUS + MARKDOWN_CORPUS)
    with committed():
        thread = services.thread_create(group=group, author=facilitator, title="<script>alert('t')</script>", body=body)
    post = thread.posts.get()
    assert post.body == clean_markdown(body)  # stored as written; made safe when rendered

    page = client_for(membership.user).get(thread.get_absolute_url()).content.decode()
    bodies = re.findall(r'<div class="prose">(.*?)</div>', page, re.S)
    assert len(bodies) == 1 and "click" in bodies[0]
    assert_inert(bodies[0])
    # The site's own deferred static scripts are the only script elements allowed on the page.
    own_scripts = re.compile(r'<script src="/static/[\w/.-]+\.js" defer></script>')
    assert "<script" not in own_scripts.sub("", page).lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bodies[0]  # shown as the text it is

    mail = outbox[-1]
    html = mail.alternatives[0][0]
    assert_email_inert(html)
    assert "<script>alert(1)</script>" in mail.body  # the plain part is plain text: nothing there runs


def test_corpus_inert_in_digest(group, facilitator, membership, outbox):
    membership.notify = GroupMembership.Notify.DIGEST
    membership.save()
    with committed():
        services.thread_create(group=group, author=facilitator, title="Digest", body="\n".join(CORPUS))
    outbox.clear()
    with committed():
        assert send_digests() == 1
    assert_email_inert(outbox[0].alternatives[0][0])


def test_history_and_minutes_are_inert(client_for, group, facilitator):
    thread = services.thread_create(group=group, author=facilitator, title="T", body="<p>first</p>")
    post = thread.posts.get()
    services.post_edit(post=post, by=facilitator, body="\n".join(CORPUS[:10]))
    services.post_edit(post=post, by=facilitator, body="<p>third</p>")
    page = client_for(facilitator).get(f"/study-groups/{group.slug}/posts/{post.pk}/history/").content.decode()
    bodies = re.findall(r'<div class="[^"]*prose">(.*?)</div>', page, re.S)
    assert len(bodies) == 3
    for body in bodies:
        assert_inert(body)
    assert 'href="javascript' not in page.lower()
