from django import forms
from django.utils.translation import gettext_lazy as _

from lms.fiscal import fiscal_year_dates, fiscal_year_of
from lms.forms import TEXT_MAX_LENGTH, BoundedTextMixin, bound_date
from organizations.models import CapacityArea

from .models import Target


class AssessmentForm(BoundedTextMixin, forms.Form):
    """One radio group (1 to 4, each level described) and one comment box per indicator."""

    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed since last time, in a few lines."),
    )

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = list(answers)
        for answer in self.answers:
            indicator = answer.indicator
            self.fields[f"score_{indicator.pk}"] = forms.TypedChoiceField(
                label=indicator.display_text,
                choices=[(n, f"{n}: {text}") for n, text in indicator.levels],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.score,
                help_text=indicator.display_guidance,
            )
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=_("Evidence or comment"),
                required=False,
                max_length=TEXT_MAX_LENGTH,
                initial=answer.comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def grouped(self):
        """(capacity area, [(score field, comment field)]) for the template, in the order of the answers."""
        groups: list[tuple[object, list]] = []
        for answer in self.answers:
            area = answer.indicator.capacity_area
            if not groups or groups[-1][0] != area:
                groups.append((area, []))
            pk = answer.indicator.pk
            groups[-1][1].append((self[f"score_{pk}"], self[f"comment_{pk}"]))
        return groups

    def answer_data(self) -> dict[int, tuple[int | None, str]]:
        return {
            answer.indicator_id: (
                self.cleaned_data.get(f"score_{answer.indicator_id}"),
                self.cleaned_data.get(f"comment_{answer.indicator_id}", ""),
            )
            for answer in self.answers
        }


class TargetForm(BoundedTextMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = ["title", "metric", "target_value", "capacity_area", "start_date", "due_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "due_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity_area"].queryset = CapacityArea.objects.canonical()
        bound_date(self.fields["start_date"])
        bound_date(self.fields["due_date"])
        if today is not None and not self.instance.pk:
            start, end = fiscal_year_dates(fiscal_year_of(today))
            self.fields["start_date"].initial = start
            self.fields["due_date"].initial = end
