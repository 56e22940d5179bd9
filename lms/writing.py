"""Form pieces for longer text written in Markdown: the field, its formatting help and a server-side preview.

A form that mixes in :class:`PreviewMixin` and has :class:`MarkdownField` fields shows, when the person
presses "Preview" (a submit button named ``preview``), each such field rendered exactly as it will be posted,
under the field (``includes/form_fields.html``). The view acts only when ``form.is_valid()`` and not
``form.is_preview``; nothing needs JavaScript.
"""

from django import forms

from lms.forms import TEXT_MAX_LENGTH

PREVIEW_FIELD = "preview"


class MarkdownField(forms.CharField):
    """Longer text in Markdown; rendered only through ``lms.markdown.render_markdown``."""

    is_markdown = True

    def __init__(self, *, rows: int = 6, max_length: int | None = TEXT_MAX_LENGTH, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        kwargs.setdefault("strip", True)
        super().__init__(max_length=max_length, **kwargs)


class PreviewMixin:
    """``form.is_preview``: the person asked to see the text rendered before posting it."""

    @property
    def is_preview(self) -> bool:
        return self.is_bound and PREVIEW_FIELD in self.data

    def markdown_fields(self) -> list[str]:
        return [name for name, field in self.fields.items() if getattr(field, "is_markdown", False)]


def markdown_field_classes(*names: str) -> dict:
    """``Meta.field_classes`` for a ModelForm whose text fields are written in Markdown."""
    return dict.fromkeys(names, MarkdownField)
