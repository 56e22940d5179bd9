"""``{% load progress_tags %}``: a learner's own progress (for /learning/), and the dashboards' tables."""

from django import template
from django.conf import settings
from django.template.base import render_value_in_context
from django.utils import formats
from django.utils.html import format_html

from organizations.models import CapacityArea
from organizations.vocabulary import localize_name

from .. import selectors

register = template.Library()


@register.inclusion_tag("progress/tags/learner_progress.html")
def learner_progress(user):
    summary = selectors.learner_summary(user)
    # Topics are counted by their default-language name; shown in the reader's.
    for row in summary.get("consultations_by_topic", []):
        row["topic__name"] = localize_name(CapacityArea, row["topic__name"])
    return {"summary": summary, "viewer": user}


def _localized(value) -> str:
    """``{{ value|localize }}``; a whole number without thousand separators is its digits, so it skips the
    format lookups (most cells are counts)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return str(formats.localize(value, use_l10n=True))


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    """A Table's body rows, the first cell a row header (linked when the row has a URL), the others localized.

    Written in Python rather than as nested template loops, and as one ``format_html`` (which escapes every
    value): a dashboard's tables hold thousands of cells, and the template engine spent about 45 ms on them
    per cold dashboard at 1,000 members.
    """
    lines, values = [], []
    for link, row in table.body:
        cells = []
        for number, value in enumerate(row):
            if number == 0 and link:
                cells.append('<th scope="row"><a href="{}">{}</a></th>')
                values += [link, render_value_in_context(value, context)]
            elif number == 0:
                cells.append('<th scope="row">{}</th>')
                values.append(render_value_in_context(value, context))
            elif value is None:
                cells.append('<td><span class="meta">–</span></td>')
            else:
                cells.append("<td>{}</td>")
                values.append(_localized(value))
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return format_html("\n".join(lines), *values) if lines else ""


@register.simple_tag
def choice_options(choices, selected):
    """``<option>`` elements for (value, label) pairs, ``selected`` marked: the member filter lists every member."""
    options, values = [], []
    for value, label in choices:
        options.append(
            '<option value="{}" selected>{}</option>' if value == selected else '<option value="{}">{}</option>'
        )
        values += [value, label]
    return format_html("".join(options), *values) if options else ""
