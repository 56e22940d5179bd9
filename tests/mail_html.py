"""Reading the HTML part of a sent email the way a mail program does: the links it offers."""

from html.parser import HTMLParser


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def html_part(message) -> str:
    """The text/html alternative of a sent message; fails the test when there is none."""
    parts = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert parts, f"no HTML part in {message.subject!r}"
    return parts[0]


def assert_calendar_links_in_html(message, links) -> None:
    """The HTML part offers the Google, Outlook and .ics links, absolute and escaped for HTML."""
    html = html_part(message)
    parser = _Links()
    parser.feed(html)
    for url in (links.google, links.outlook, links.ics):
        assert url.startswith(("http://", "https://")), url
        assert url in parser.hrefs, f"{url} not linked in {message.subject!r}"
        assert f'href="{url.replace("&", "&amp;")}"' in html  # a bare & in an attribute is invalid HTML
