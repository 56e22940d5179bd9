"""XSS and mutation-XSS corpus (tests/lms/xss_corpus.py) against the sanitizer and every page that
shows user text.

(a) The full corpus through ``lms.sanitizer``: the output is parsed with an HTML5 parser, serialized
and parsed again (mXSS: what a browser re-parses is not what was sanitized), and neither parse may
hold an element outside the allowlist, an ``on*`` or ``style`` attribute, or a script-capable URL.

(b) A representative subset through each display: saved through the real view (the form a person
uses), then the page that shows it is fetched and parsed. Compared with the same page showing
harmless text, the vector may add no dangerous element (script, iframe, svg, form...), no ``on*``
attribute and no ``javascript:``/``data:``/``vbscript:`` URL.

html5lib is not a project dependency; bleach vendors it, and that copy is the parser used here.
"""

import re
import uuid
from collections import Counter
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from bleach._vendor import html5lib
from bleach._vendor.html5lib.serializer import HTMLSerializer
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from lms.sanitizer import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html
from tests.lms.post_endpoints import POST_ENDPOINTS
from tests.lms.xss_corpus import DISPLAY_SUBSET, VECTORS

BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "livescript:")
# Elements that run script, load content, submit or change how the rest is parsed.
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "style",
    "svg",
    "math",
    "form",
    "button",
    "input",
    "textarea",
    "select",
    "keygen",
    "isindex",
    "template",
    "noscript",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "img",
    "video",
    "audio",
    "source",
    "details",
    "marquee",
}
# What a browser ignores in a URL (WHATWG URL parsing): leading and trailing C0 controls and
# spaces, and tabs and newlines anywhere. The sanitizer check is stricter and also drops
# invisible and bidi characters anywhere (they hide a scheme from people, if not from browsers).
_BROWSER_IGNORES = re.compile(r"^[\x00-\x20]+|[\t\n\r]")
_STRICT_IGNORES = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _scheme_is_bad(value: str, strict: bool = False) -> bool:
    return (_STRICT_IGNORES if strict else _BROWSER_IGNORES).sub("", value).lower().startswith(BAD_SCHEMES)


def features(tree) -> Counter:
    """What in a parsed document could run script: dangerous elements, handlers, script URLs."""
    found = Counter()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = _local(element.tag)
        if tag in DANGEROUS_TAGS:
            found[f"<{tag}>"] += 1
        for name, value in element.attrib.items():
            attr = _local(name)
            if attr.startswith("on"):
                found[f"{tag}[{attr}]"] += 1
            if _scheme_is_bad(value or ""):
                found[f"{tag}[{attr}]={_BROWSER_IGNORES.sub('', value)[:12].lower()}"] += 1
    return found


def parse_fragment(html: str):
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)


def parse_document(html: str):
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def serialize(fragment) -> str:
    walker = html5lib.getTreeWalker("etree")
    return HTMLSerializer(quote_attr_values="always", omit_optional_tags=False).render(walker(fragment))


def assert_allowlisted(fragment, vector):
    for element in fragment.iter():
        if not isinstance(element.tag, str) or element is fragment:
            continue
        tag = _local(element.tag)
        assert tag in ALLOWED_TAGS, (tag, vector)
        allowed = set(ALLOWED_ATTRIBUTES.get(tag, ())) | ({"rel"} if tag == "a" else set())
        for name, value in element.attrib.items():
            attr = _local(name)
            assert attr in allowed, (tag, attr, vector)
            assert not _scheme_is_bad(value or "", strict=True), (tag, attr, value, vector)


# (a) the sanitizer --------------------------------------------------------------------------------


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitizer_output_is_inert_after_reparsing(vector):
    cleaned = str(sanitize_html(vector))
    assert "<script" not in cleaned.lower()
    first = parse_fragment(cleaned)
    assert_allowlisted(first, vector)
    assert not features(first), (features(first), vector)
    # mXSS: serialize what the browser built and parse it again.
    reparsed = parse_fragment(serialize(first))
    assert_allowlisted(reparsed, vector)
    assert not features(reparsed), (features(reparsed), vector)
    assert str(sanitize_html(cleaned)) == cleaned  # idempotent: stored text does not drift


def test_corpus_size():
    assert len(set(VECTORS)) == len(VECTORS) >= 80
    assert set(DISPLAY_SUBSET) <= set(VECTORS) and len(DISPLAY_SUBSET) >= 20


# (b) every display of user text -------------------------------------------------------------------


def client_as(site, role: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if role != "anonymous":
        client.force_login(site.users[role])
    return client


class Display:
    """Save ``text`` in ``fields`` through ``endpoint``; then each viewer fetches ``page``.

    ``page(site, location)`` gives the path that shows the text (``location`` is where the save
    redirected to); ``path(site)`` overrides where the form is posted.
    """

    def __init__(self, endpoint, fields, page=None, viewers=None, path=None):
        self.endpoint = POST_ENDPOINTS[endpoint]
        self.fields, self.path = fields, path
        self.page = page or (lambda site, location: location)
        self.viewers = viewers or [self.endpoint.role]

    def show(self, site, text: str) -> dict[str, str]:
        cache.clear()
        client = client_as(site, self.endpoint.role)
        data = self.endpoint.baseline(site) | dict.fromkeys(self.fields, text)
        path = self.path(site) if self.path else self.endpoint.path_for(site)
        files = self.endpoint.files(site) if self.endpoint.files else {}
        response = client.post(path, data | files)
        assert response.status_code in (200, 302), (response.status_code, path)
        location = response["Location"] if response.status_code == 302 else path
        pages = {}
        for viewer in self.viewers:
            page_path = self.page(site, location)
            page = client_as(site, viewer).get(page_path)
            assert page.status_code == 200, (viewer, page_path, page.status_code)
            pages[viewer] = page.content.decode()
        return pages


def _as_the_editor_saves_it(html: str) -> str:
    """What the page editor (Draftail) stores for pasted HTML: its converter keeps only the features."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from lms.blocks import RICH_TEXT_FEATURES

    converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
    try:
        return converter.to_database_format(converter.from_database_format(html))
    except (AssertionError, TypeError):  # the converters give up on some malformed markup: nothing is stored
        return ""


def _lesson_page(site, text):
    from courses.factories import LessonPageFactory
    from courses.models import CoursePage

    text = _as_the_editor_saves_it(text)
    course = CoursePage.objects.live().first()
    lesson = LessonPageFactory(
        parent=course, title=f"XSS {uuid.uuid4().hex[:8]}", is_preview=True, body=[("paragraph", text)]
    )
    return lesson.url


def _feedback_path(site):
    return site.paths["courses:registration_feedback"]


DISPLAYS = {
    "organization profile": Display(
        "organizations:edit",
        ["description", "name", "countries_of_operation"],
        page=lambda s, loc: s.paths["organizations:detail"],
        viewers=["manager", "anonymous"],
    ),
    "profile names": Display(
        "profile",
        ["first_name", "last_name", "display_name"],
        page=lambda s, loc: s.paths["organizations:detail"],
        viewers=["learner", "manager"],
    ),
    "study group thread": Display("studygroups:thread_create", ["title", "body"], viewers=["learner", "facilitator"]),
    "study group reply": Display("studygroups:thread", ["body"], page=lambda s, loc: s.paths["studygroups:thread"]),
    "study group post edit": Display(
        "studygroups:post_edit", ["body"], page=lambda s, loc: s.paths["studygroups:post_history"]
    ),
    "meeting minutes": Display(
        "studygroups:meeting_minutes", ["minutes"], page=lambda s, loc: s.paths["studygroups:meeting"]
    ),
    "report chapter": Display(
        "studygroups:chapter", ["title", "body"], page=lambda s, loc: s.paths["studygroups:chapter"]
    ),
    "study group summary": Display(
        "studygroups:edit",
        ["public_summary", "description", "theme"],
        page=lambda s, loc: s.paths["studygroups:detail"],
        viewers=["learner", "anonymous"],
    ),
    "consultation record": Display(
        "advisors:record",
        ["summary", "private_notes", "follow_up_1"],
        page=lambda s, loc: s.paths["advisors:consultation"],
        viewers=["advisor", "learner", "manager"],
    ),
    "advisor profile": Display(
        "advisors:availability[settings]",
        ["settings-headline", "settings-bio", "settings-office"],
        page=lambda s, loc: s.paths["advisors:detail"],
        viewers=["anonymous"],
    ),
    "outreach request": Display(
        "advisors:outreach", ["requester_name", "place", "audience", "theme"], viewers=["learner", "staff"]
    ),
    "placement request": Display("placements:request", ["goals", "host_provides"], viewers=["manager", "staff"]),
    "placement report": Display("placements:report_create", ["title", "summary", "body"], viewers=["researcher"]),
    "report comment": Display("placements:report_comment", ["body"], viewers=["staff", "researcher"]),
    "seminar feedback": Display(
        "courses:registration_feedback",
        ["comments"],
        page=lambda s, loc: s.paths["courses:session_roster"],
        viewers=["staff"],
        path=_feedback_path,
    ),
}


@pytest.fixture
def xss_site(demo_site, db):
    return demo_site


@contextmanager
def undone():
    """Each save starts from the same data, so its page can be compared with the harmless one."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_page_inert(html: str, benign: str, where: str, vector: str):
    added = features(parse_document(html)) - features(parse_document(benign))
    assert not added, f"{where}: {vector!r} added {dict(added)}"


@pytest.mark.parametrize("display", list(DISPLAYS))
def test_user_text_is_inert_where_it_is_shown(xss_site, display):
    site, shown = xss_site, DISPLAYS[display]
    with undone():
        benign = shown.show(site, "Harmless text")
    for vector in DISPLAY_SUBSET:
        with undone():
            pages = shown.show(site, vector)
        for viewer, html in pages.items():
            assert_page_inert(html, benign[viewer], f"{display} as {viewer}", vector)


def test_form_errors_echo_input_inert(xss_site):
    """The invitation form re-shows a rejected address; the echo is escaped."""
    site = xss_site
    client = client_as(site, "manager")
    path = site.paths["organizations:members"]
    benign = client.post(path, {"email": "not an address", "role": "member"}).content.decode()
    for vector in DISPLAY_SUBSET:
        response = client.post(path, {"email": vector, "role": "member"})
        assert response.status_code == 200
        assert_page_inert(response.content.decode(), benign, "invitation form error", vector)


def test_search_query_echo_is_inert(xss_site):
    client = client_as(xss_site, "anonymous")
    benign = client.get("/search/?q=harmless").content.decode()
    for vector in DISPLAY_SUBSET:
        response = client.get("/search/?" + urlencode({"q": vector}))
        assert response.status_code == 200
        assert_page_inert(response.content.decode(), benign, "search", vector)


def test_lesson_rich_text_is_inert_on_the_page(xss_site):
    """A lesson body saved as the page editor saves it renders without script from the vector.

    Wagtail renders stored RichText as it is (editors are trusted; the editor's converter is the
    filter), so what is written straight into the database (imports, the shell) is not covered.
    """
    site = xss_site
    client = client_as(site, "anonymous")
    with undone():
        benign = client.get(_lesson_page(site, "<p>Harmless</p>")).content.decode()
    for vector in DISPLAY_SUBSET:
        with undone():
            response = client.get(_lesson_page(site, vector))
        assert response.status_code == 200
        assert_page_inert(response.content.decode(), benign, "lesson body", vector)
