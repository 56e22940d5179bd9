"""The shared form limits (lms.forms): what the input attacks found, pinned at the source."""

from datetime import date

import pytest
from django import forms

from lms.forms import (
    TEXT_MAX_LENGTH,
    BoundedTextMixin,
    SafeModelMultipleChoiceField,
    bound_date,
    bound_year,
    parse_id,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (" 7 ", 7), ("abc", None), ("²", None), ("١٢", None), ("-1", None), ("0", None), ("", None)]
    + [("9" * 30, None), ("1.5", None), (None, None), ("\x00", None)],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


class Bounded(BoundedTextMixin, forms.Form):
    free = forms.CharField(widget=forms.Textarea)
    short = forms.CharField(max_length=10)


def test_text_without_a_limit_gets_one():
    form = Bounded(data={"free": "x" * (TEXT_MAX_LENGTH + 1), "short": "ok"})
    assert not form.is_valid() and "free" in form.errors
    assert form.fields["short"].max_length == 10
    assert form.fields["free"].widget.attrs["maxlength"] == str(TEXT_MAX_LENGTH)
    assert Bounded(data={"free": "x" * TEXT_MAX_LENGTH, "short": "ok"}).is_valid()


class Dated(forms.Form):
    day = forms.DateField()
    year = forms.IntegerField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_date(self.fields["day"])
        bound_year(self.fields["year"])


@pytest.mark.parametrize(("day", "year"), [("9999-12-31", "2024"), ("0001-01-01", "2024"), ("2024-05-01", "9" * 25)])
def test_dates_and_years_out_of_range_are_form_errors(day, year):
    assert not Dated(data={"day": day, "year": year}).is_valid()
    assert Dated(data={"day": date(2026, 5, 1).isoformat(), "year": "2026"}).is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9" * 25, "-99999999999999999999", "abc", "\x00"])
def test_ids_the_database_cannot_hold_are_invalid_choices(value):
    from organizations.factories import CapacityAreaFactory
    from organizations.models import CapacityArea

    area = CapacityAreaFactory()
    field = SafeModelMultipleChoiceField(queryset=CapacityArea.objects.all())
    with pytest.raises(forms.ValidationError):
        field.clean([str(area.pk), value])
    assert list(field.clean([str(area.pk)])) == [area]
