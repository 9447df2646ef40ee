"""Types the API's input schemas share (issue 12): dates and moments bounded as the forms bound them, so that an
extreme value (0001-01-01, 9999-12-31 with an offset) is a 422 naming the field, never an overflow (a 500) when it
is converted to the local time."""

import datetime
from typing import Annotated

from pydantic import AfterValidator

EARLIEST, LATEST = datetime.date(1890, 1, 1), datetime.date(2100, 12, 31)  # as org.forms.date_field
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
