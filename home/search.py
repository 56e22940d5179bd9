"""The site search page's form and results (the index itself is ``lms.search_index``)."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.search_analysis import ParsedQuery, highlight
from lms.search_index import kind_label, kinds

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
KIND_ORDER = [
    "course",
    "lesson",
    "seminar",
    "advisor",
    "studygroup_report",
    "researcher_report",
    "organization",
    "page",
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    kind = forms.ChoiceField(label=_("Show"), required=False)
    area = forms.TypedChoiceField(label=_("Capacity area"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        ordered = sorted(kinds(), key=lambda k: KIND_ORDER.index(k.name) if k.name in KIND_ORDER else 99)
        self.fields["kind"].choices = [("", _("Everything")), *((k.name, k.label) for k in ordered)]
        self.fields["area"].choices = [("", _("Any capacity area")), *((str(a.pk), str(a)) for a in areas)]
        self.fields["q"].widget.attrs.update(type="search", autocomplete="off")

    def clean_q(self) -> str:
        return "".join(ch for ch in self.cleaned_data["q"] if ch.isprintable()).strip()


@dataclass
class Result:
    kind: str
    kind_label: str
    url: str
    title: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]]
    date: datetime | None


def results_for(documents, query: ParsedQuery) -> list[Result]:
    return [
        Result(
            kind=document.kind,
            kind_label=kind_label(document.kind),
            url=document.url,
            title=highlight(document.title, query, width=255),
            snippet=highlight(document.body, query) if document.body else [],
            date=document.date,
        )
        for document in documents
    ]
