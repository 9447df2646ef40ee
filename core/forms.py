"""What every form of the apps shares: the text rule at the boundary, the version of the record edited, the date
field and showing a service's errors.

Every form of the apps derives from `Form` or `ModelForm` here (a test holds them to it), so that text typed or
pasted into any field passes `core.text.clean_input` before any rule sees it."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from core.numbers import parse_vn_number
from core.text import clean_input
from core.versions import Versioned, version_field

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})

# The dates a ward office records: from the oldest members' births to well after any term now planned.
EARLIEST_DATE, LATEST_DATE = datetime.date(1890, 1, 1), datetime.date(2100, 12, 31)


def date_field(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DATE_WIDGET, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 28/06/2021."},
        validators=[
            MinValueValidator(EARLIEST_DATE, message="Ngày phải từ năm 1890 trở đi."),
            MaxValueValidator(LATEST_DATE, message="Ngày phải trước năm 2101."),
        ],
    )


class VnDecimalField(forms.Field):
    """A number as a clerk types it ("11.031.000.000", "4,5": core.numbers.parse_vn_number), at most `max_digits`
    digits of which `decimal_places` after the comma."""

    def __init__(self, *, max_digits: int = 20, decimal_places: int = 2, **kwargs):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 40}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value)
        if len(text) > 40:
            raise ValidationError("Số quá dài.")
        try:
            number = parse_vn_number(text)
        except ValueError:
            raise ValidationError("Không phải một số: hãy ghi như 11.031.000.000 hoặc 4,5.") from None
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.decimal_places:
            raise ValidationError(f"Ghi tối đa {self.decimal_places} chữ số sau dấu phẩy.")
        if len(number.quantize(1).as_tuple().digits) > self.max_digits - self.decimal_places:
            raise ValidationError("Số quá lớn.")
        return number


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the named fields where there are, else on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class CleanTextMixin:
    """Before the fields are cleaned, every text field's submitted value passes `clean_input` (multi-line where the
    widget is a textarea). The form's data is replaced by the normalised copy, so a form shown again with errors
    shows what will be stored."""

    def full_clean(self):
        refused = {}
        if self.is_bound:
            data = self.data.copy()
            for name, field in self.fields.items():
                if not isinstance(field, forms.CharField):
                    continue
                key, multiline = self.add_prefix(name), isinstance(field.widget, forms.Textarea)
                values = data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]
                try:
                    cleaned = [clean_input(v, multiline=multiline) if isinstance(v, str) else v for v in values]
                except ValueError as error:
                    refused[name] = str(error)
                    continue
                if hasattr(data, "setlist"):
                    data.setlist(key, cleaned)
                elif key in data:
                    data[key] = cleaned[0]
            self.data = data
        super().full_clean()
        for name, message in refused.items():
            if name in self.fields:
                self.add_error(name, message)


class Form(CleanTextMixin, forms.Form):
    pass


class ModelForm(CleanTextMixin, forms.ModelForm):
    """A form that edits a `Versioned` record carries, hidden, the version it was drawn from (`version` in its
    cleaned data, for the service to compare: core.versions)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, Versioned) and not self.instance._state.adding:
            self.fields["version"] = version_field()
            self.fields["version"].initial = self.instance.version
