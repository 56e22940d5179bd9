from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import RICH_TEXT_MAX_LENGTH, BoundedTextMixin, SafeModelMultipleChoiceField, bound_date
from lms.writing import MarkdownField, PreviewMixin, markdown_field_classes
from organizations.models import CapacityArea

from .models import Milestone, Placement, Report, ResearcherProfile
from .models.placements import ATTACHMENT_RULE, CV_RULE
from .models.reports import FINAL_SECTIONS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RICH_HELP = _("Write in Markdown: a blank line starts a new paragraph; see the formatting help.")


class ResearcherApplicationForm(BoundedTextMixin, forms.ModelForm):
    cv = forms.FileField(label=_("CV (PDF or Word)"), required=False, validators=[CV_RULE])

    class Meta:
        model = ResearcherProfile
        fields = ["specialities", "languages", "biography", "available_from", "available_until"]
        widgets = {
            "specialities": forms.CheckboxSelectMultiple,
            "available_from": DATE_WIDGET,
            "available_until": DATE_WIDGET,
        }
        field_classes = {"specialities": SafeModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date(self.fields["available_from"])
        bound_date(self.fields["available_until"])


class PlacementRequestForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["organization", "capacity_area", "goals", "host_provides", "start_date", "end_date"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}
        help_texts = {
            "start_date": _("Placements last at least five months, between June and March of one fiscal year."),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()
        self.fields["capacity_area"].queryset = CapacityArea.objects.canonical()
        bound_date(self.fields["start_date"])
        bound_date(self.fields["end_date"])


class MatchFilterForm(forms.Form):
    capacity_area = forms.ModelChoiceField(
        label=_("Speciality"),
        queryset=CapacityArea.objects.canonical(),
        required=False,
        empty_label=_("Any speciality"),
    )
    available_only = forms.BooleanField(label=_("Free for the whole period"), required=False, initial=True)


class ReasonForm(BoundedTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MilestoneForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "description", "due_date", "status"]
        widgets = {"due_date": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date(self.fields["due_date"])


class ReportForm(PreviewMixin, BoundedTextMixin, forms.ModelForm):
    text_max_length = RICH_TEXT_MAX_LENGTH

    class Meta:
        model = Report
        fields = ["title", "summary", "body"] + [name for name, _label in FINAL_SECTIONS]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        field_classes = markdown_field_classes("body", *(name for name, _label in FINAL_SECTIONS))

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        drop = [name for name, _label in FINAL_SECTIONS] if kind == Report.Kind.PROGRESS else ["body"]
        for name in drop:
            del self.fields[name]
        for name, field in self.fields.items():
            if name not in ("title", "summary"):
                field.help_text = RICH_HELP
                field.widget.attrs["rows"] = 8


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"), validators=[ATTACHMENT_RULE])


class CommentForm(PreviewMixin, BoundedTextMixin, forms.Form):
    body = MarkdownField(label=_("Comment"), rows=4, max_length=None)
    internal = forms.BooleanField(label=_("Internal: programme staff only"), required=False)

    def __init__(self, *args, allow_internal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_internal:
            del self.fields["internal"]


class ChangesForm(PreviewMixin, BoundedTextMixin, forms.Form):
    comment = MarkdownField(label=_("What should change"), rows=4, max_length=None)


class PlacementFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state"))] + Placement.State.choices
    )
    organization = forms.ChoiceField(label=_("Host organization"), required=False)
    capacity_area = forms.ChoiceField(label=_("Field"), required=False)
    fy = forms.IntegerField(label=_("Fiscal year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("Any organization"))] + [(o.slug, o.name) for o in organizations]
        self.fields["capacity_area"].choices = [("", _("Any field"))] + [
            (a.slug, str(a)) for a in CapacityArea.objects.canonical()
        ]
