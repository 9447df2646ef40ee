"""What the API's input schemas share (issue 12): the text rule at the boundary (`Input`), and dates and moments
bounded as the forms bound them, so that an extreme value (0001-01-01, 9999-12-31 with an offset) is a 422 naming
the field, never an overflow (a 500) when it is converted to the local time."""

import datetime
from typing import Annotated, get_args, get_origin

from ninja import Schema
from pydantic import AfterValidator, ValidationInfo, field_validator

from core.text import clean_input

EARLIEST, LATEST = datetime.date(1890, 1, 1), datetime.date(2100, 12, 31)  # as core.forms.date_field
OUT_OF_RANGE = "Ngày phải từ năm 1890 đến hết năm 2100."


def _bounded_day(value: datetime.date) -> datetime.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(OUT_OF_RANGE)
    return value


def _bounded_moment(value: datetime.datetime) -> datetime.datetime:
    _bounded_day(value.date())
    return value


Day = Annotated[datetime.date, AfterValidator(_bounded_day)]
Moment = Annotated[datetime.datetime, AfterValidator(_bounded_moment)]


class _Multiline:
    """Marks a text field of an input schema that holds lines (a note, minutes): see `Input`."""

    def __repr__(self):
        return "MULTILINE"


MULTILINE = _Multiline()
LongText = Annotated[str, MULTILINE]


def _holds_lines(annotation) -> bool:
    if get_origin(annotation) is Annotated and MULTILINE in get_args(annotation)[1:]:
        return True
    return any(_holds_lines(arg) for arg in get_args(annotation))


class Input(Schema):
    """The base of every schema the API reads (a test holds them to it). Each text value, in a list too, passes
    `core.text.clean_input` before any other check: the one rule that the forms and the imports also apply (NFC,
    line breaks, control characters; a lone surrogate is a 422 naming the field). Fields annotated `LongText`
    keep their lines; the others are one line."""

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value, info: ValidationInfo):
        field = cls.model_fields.get(info.field_name)
        multiline = field is not None and (MULTILINE in field.metadata or _holds_lines(field.annotation))
        if isinstance(value, str):
            return clean_input(value, multiline=multiline)
        if isinstance(value, list):
            return [clean_input(v, multiline=multiline) if isinstance(v, str) else v for v in value]
        return value
