"""Attack strings in posts are inert on the page, in emails and in digests."""

import re

import pytest

from lms.sanitizer import sanitize_html
from studygroups import services
from studygroups.models import GroupMembership
from studygroups.notifications import send_digests

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

DANGEROUS = [
    re.compile(
        r"<\s*(script|svg|math|iframe|object|embed|form|button|input|style|meta|base|body|img|noscript)\b", re.I
    ),
    re.compile(r"\son\w+\s*=", re.I),
    re.compile(r"(href|src|action|formaction)\s*=\s*[\"']?\s*(javascript|data|vbscript):", re.I),
    re.compile(r"formaction", re.I),
    re.compile(r"style\s*=", re.I),
]


def assert_inert(html: str):
    for pattern in DANGEROUS:
        assert not pattern.search(html), (pattern.pattern, html[:500])


def assert_email_inert(html: str):
    bodies = re.findall(r"<div>(.*?)</div>", html, re.S)
    assert bodies
    for body in bodies:
        assert_inert(body)
    assert "javascript:" not in html.lower() and "<script" not in html.lower()


@pytest.mark.parametrize("attack", CORPUS)
def test_sanitize_twice_equals_once(attack):
    once = sanitize_html(attack)
    assert sanitize_html(once) == once
    assert_inert(str(once))


def test_corpus_inert_on_page_and_in_emails(client_for, group, facilitator, membership, outbox):
    body = "\n".join(CORPUS)
    thread = services.thread_create(group=group, author=facilitator, title="<script>alert('t')</script>", body=body)
    post = thread.posts.get()
    assert_inert(post.body)
    assert post.body == str(sanitize_html(post.body))

    page = client_for(membership.user).get(thread.get_absolute_url()).content.decode()
    bodies = re.findall(r'<div class="prose">(.*?)</div>', page, re.S)
    assert len(bodies) == 1 and "click" in bodies[0]
    assert_inert(bodies[0])
    # The site's own deferred static scripts are the only script elements allowed on the page.
    own_scripts = re.compile(r'<script src="/static/[\w/.-]+\.js" defer></script>')
    page = own_scripts.sub("", page)
    assert "javascript:" not in page.lower() and "<script" not in page.lower()

    mail = outbox[-1]
    html = mail.alternatives[0][0]
    assert_email_inert(html)
    assert "<script" not in mail.body.lower()
    assert "onerror" not in mail.body.lower()


def test_corpus_inert_in_digest(group, facilitator, membership, outbox):
    membership.notify = GroupMembership.Notify.DIGEST
    membership.save()
    services.thread_create(group=group, author=facilitator, title="Digest", body="\n".join(CORPUS))
    outbox.clear()
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
    assert "javascript:" not in page.lower()
