"""Limits every form of the site shares, so hostile input gets a form error instead of a 500.

- free text is bounded (a 1 MB post is refused, not stored);
- ids beyond what the database can hold are invalid choices, not a database error;
- dates and years stay where date arithmetic (periods, fiscal years, time zones) cannot overflow.

The messages are Django's own (translated with Django).
"""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import connection, models

TEXT_MAX_LENGTH = 20_000  # a message, a note, a description
RICH_TEXT_MAX_LENGTH = 100_000  # a report section, minutes, a chapter

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
EARLIEST_YEAR, LATEST_YEAR = EARLIEST_DATE.year, LATEST_DATE.year


def plausible_date_validators() -> list:
    return [MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)]


def bound_year(field: forms.Field, earliest: int = EARLIEST_YEAR, latest: int = LATEST_YEAR) -> None:
    field.validators += [MinValueValidator(earliest), MaxValueValidator(latest)]
    field.widget.attrs.update(min=str(earliest), max=str(latest))


def bound_date(field: forms.Field) -> None:
    field.validators += plausible_date_validators()


class BoundedTextMixin:
    """Gives every text field of the form without a ``max_length`` one (``text_max_length``)."""

    text_max_length = TEXT_MAX_LENGTH

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = self.text_max_length
                field.validators.append(MaxLengthValidator(self.text_max_length))
                field.widget.attrs.setdefault("maxlength", str(self.text_max_length))


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """An id the database cannot hold is an invalid choice (Django would pass it to ``__in``)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        model_field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        if isinstance(model_field, models.IntegerField | models.AutoField):
            low, high = connection.ops.integer_field_range(model_field.get_internal_type())
            for pk in value:
                try:
                    number = int(str(pk))
                except ValueError:
                    continue  # Django reports it as an invalid value
                if (low is not None and number < low) or (high is not None and number > high):
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


def parse_id(value) -> int | None:
    """A posted object id, or None when it is not one (so views answer 404, never a 500)."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number < 2**63 else None


def reason_refused(request, form) -> bool:
    """A reason was written but cannot be kept (too long): say so instead of acting without it."""
    if form.is_valid() or not form.data.get(form.add_prefix("reason"), "").strip():
        return False
    messages.error(request, " ".join(form.errors.get("reason", [])))
    return True
