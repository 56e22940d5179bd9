"""The dashboards' tables and the member filter, rendered in Python: escaped, localized, as the template was."""

from datetime import date

from django.template import Context, Template
from django.utils import translation

from lms.measures import Table


def _render(source: str, **context) -> str:
    return Template("{% load progress_tags %}" + source).render(Context(context))


def test_rows_escape_what_people_typed_and_link_the_first_cell():
    table = Table(
        key="members",
        caption="Members",
        columns=["Name", "Courses", "Score"],
        rows=[["<script>alert(1)</script>", 3, None], ["Aiko & Co", 1234, 2.5]],
        links=["/members/1/?a=1&b=2", None],
    )
    html = _render("{% table_rows table %}", table=table)
    assert "<script>" not in html
    assert '<th scope="row"><a href="/members/1/?a=1&amp;b=2">&lt;script&gt;alert(1)&lt;/script&gt;</a></th>' in html
    assert '<td>3</td><td><span class="meta">–</span></td>' in html
    assert '<th scope="row">Aiko &amp; Co</th><td>1234</td><td>2.5</td>' in html


def test_numbers_and_dates_follow_the_language():
    table = Table(key="t", caption="T", columns=["When", "Average"], rows=[[date(2026, 4, 1), 2.5]])
    with translation.override("ja"):
        html = _render("{% table_rows table %}", table=table)
    assert "2026年4月1日" in html
    assert "<td>2.5</td>" in html


def test_the_chosen_member_is_selected_and_labels_are_escaped():
    html = _render("{% choice_options choices chosen %}", choices=[(1, "Aiko"), (2, "<b>Ben</b>")], chosen=2)
    assert html == '<option value="1">Aiko</option><option value="2" selected>&lt;b&gt;Ben&lt;/b&gt;</option>'
    assert "selected" not in _render("{% choice_options choices chosen %}", choices=[(1, "Aiko")], chosen="")
